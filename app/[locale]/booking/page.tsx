// Booking a video identity check belongs to a later issue. Until it is
// built, this page says so plainly and gives the ways that work today: an
// office visit (the officer's one-time QR code) or a call to 1345.
// Server-rendered; works with JavaScript off.
import type { Metadata } from 'next';
import { hasLocale } from 'next-intl';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { hrefOf } from '@/lib/guidance';
import { routing } from '@/lib/i18n/routing';
import { interimText, Rich } from '../_interim/interim-text';

export function generateStaticParams() {
  return routing.locales.map((locale) => ({ locale }));
}

export async function generateMetadata({ params }: PageProps<'/[locale]/booking'>): Promise<Metadata> {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) return {};
  const t = await interimText(locale, 'booking');
  return { title: t('title') };
}

export default async function BookingPage({ params }: PageProps<'/[locale]/booking'>) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const t = await interimText(locale, 'booking');
  const guide = await getTranslations({ locale, namespace: 'guide.index.topics' });
  const enroll = await getTranslations({ locale, namespace: 'enroll' });

  return (
    <>
      <h1>{t('title')}</h1>
      <p className="lead panel">{t('notYet')}</p>

      <h2>{t('nowTitle')}</h2>
      <ul className="checklist">
        <li>
          {t('office')} <a href={hrefOf(locale, { topic: 'help', hash: 'offices' })}>{t('officeLink')}</a>
        </li>
        <li>
          <Rich text={t('call')} />
        </li>
      </ul>
      <ul className="actions">
        <li>
          <a className="button primary" href={`/${locale}/enroll/office`}>
            {enroll('haveQr')}
          </a>
        </li>
      </ul>

      <h2 id="guide-links">{t('guideTitle')}</h2>
      <ul aria-labelledby="guide-links">
        <li>
          <a href={hrefOf(locale, { topic: 'with-legacy-card' })}>{guide('with-legacy-card')}</a>
        </li>
        <li>
          <a href={hrefOf(locale, { topic: 'upgrade-to-ic' })}>{guide('upgrade-to-ic')}</a>
        </li>
      </ul>
    </>
  );
}
