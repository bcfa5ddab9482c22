// The verifier's page: public, no sign-in, installable, works offline.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { dateShapeOf, dateTimeShapeOf, isLocale, regionNamesIn, type Locale } from '@/lib/i18n';
import { Verifier } from './_components/verifier';
import styles from './verify.module.css';
import { STATUS_LIST_TTL_S, VERIFICATION_REASONS } from '@/lib/presentation';

export async function generateMetadata({ params }: PageProps<'/[locale]/verify'>): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale as Locale, namespace: 'verifier' });
  return { title: t('title'), description: t('intro'), manifest: `/${locale}/verify/manifest.webmanifest` };
}

// Every reason the endpoint can answer: the verification's own, and the request's (too large, not JSON).
const REASONS = [...VERIFICATION_REASONS, 'bad_request', 'too_large'] as const;

export default async function VerifyPage({ params }: PageProps<'/[locale]/verify'>) {
  const { locale } = await params;
  // Not a language (an address with a dot in its first part skips proxy.ts's redirect): the layout's
  // 404, before any formatter is made for it (Intl throws on such a locale, which was a 500).
  if (!isLocale(locale)) notFound();
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: 'verifier' });
  const claims = {
    name: t('claims.name'),
    nationality: t('claims.nationality'),
    residenceStatus: t('claims.residenceStatus'),
    birthDate: t('claims.birthDate'),
    registrationNumber: t('claims.registrationNumber'),
    validUntil: t('claims.validUntil'),
    age19: t('claims.age19'),
  };
  return (
    <div>
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <Verifier
        locale={locale}
        labels={{
          tabs: { scan: t('tabs.scan'), paste: t('tabs.paste'), ask: t('tabs.ask') },
          scan: {
            start: t('scan.start'),
            stop: t('scan.stop'),
            hint: t('scan.hint'),
            noCamera: t('scan.noCamera'),
            starting: t('scan.starting'),
          },
          paste: { label: t('paste.label'), check: t('paste.check'), empty: t('paste.empty') },
          checking: t('checking'),
          offlineReady: t('offline.ready', { time: '{time}' }),
          offlineNotReady: t('offline.notReady'),
          ask: {
            heading: t('ask.heading'),
            intro: t('ask.intro'),
            name: t('ask.name'),
            profile: t('ask.profile'),
            create: t('ask.create'),
            waiting: t('ask.waiting'),
            scanHint: t('ask.scanHint'),
            declined: t('ask.declined'),
            expired: t('ask.expired'),
            again: t('ask.again'),
            nameRequired: t('ask.nameRequired'),
            failed: t('ask.failed'),
            endsAt: t('ask.endsAt', { time: '{time}' }),
          },
          result: {
            valid: t('result.valid'),
            invalid: t('result.invalid'),
            reasons: Object.fromEntries(REASONS.map((r) => [r, t(`result.reasons.${r}`)])),
            timeLeft: t('result.timeLeft', { time: '{time}' }),
            codeExpired: t('result.codeExpired'),
            checkedLive: t('result.checkedLive'),
            statusAsOf: t('result.statusAsOf', { time: '{time}' }),
            statusTooOld: t('result.statusTooOld', { time: '{time}' }),
            // How old a saved status list may be when used offline (its time-to-live), in the reader's numbers.
            statusTtl: t('result.statusTtl', { minutes: STATUS_LIST_TTL_S / 60 }),
            profiles: { full: t('profiles.full'), identity: t('profiles.identity'), age19: t('profiles.age19') },
            claims,
            age19Yes: t('result.age19Yes'),
            age19No: t('result.age19No'),
            again: t('result.again'),
            dateShape: dateShapeOf(locale),
            timeShape: dateTimeShapeOf(locale, { dateStyle: 'medium', timeStyle: 'short' }),
            regionNames: regionNamesIn(locale),
          },
        }}
      />

      <section className={styles.guide} aria-labelledby="guide-heading">
        <h2 id="guide-heading">{t('guide.heading')}</h2>
        <p>{t('guide.whatYouSee')}</p>
        <p>{t('guide.green')}</p>
        <p>{t('guide.live')}</p>
        <p>{t('guide.offline')}</p>
        <h3>{t('guide.mustNotHeading')}</h3>
        <ul className={`checklist ${styles.mustNot}`}>
          <li>{t('guide.mustNot1')}</li>
          <li>{t('guide.mustNot2')}</li>
          <li>{t('guide.mustNot3')}</li>
          <li>{t('guide.mustNot4')}</li>
          <li>{t('guide.mustNot5')}</li>
        </ul>
      </section>
    </div>
  );
}
