// A verifier asks to see the card: who asks (as they typed it), exactly what,
// until when; the holder approves with passkey + device key, or says no.
import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { formatTime, type Locale } from '@/lib/i18n';
import { getPresentationDeps, presentationErrors, viewPresentationRequest } from '@/lib/presentation';
import { RequestAnswer } from '../../_components/request-answer';
import { unlockErrorMessages } from '../../_lib/strings';
import styles from '../../card.module.css';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: PageProps<'/[locale]/card/request/[id]'>): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale as Locale, namespace: 'card' });
  return { title: t('request.title'), robots: { index: false } };
}

const CLAIMS = {
  full: ['name', 'nationality', 'residenceStatus', 'birthDate', 'registrationNumber', 'validUntil'],
  identity: ['name', 'nationality', 'residenceStatus', 'birthDate', 'validUntil'],
  age19: ['age19'],
} as const;

export default async function RequestPage({ params }: PageProps<'/[locale]/card/request/[id]'>) {
  const { locale, id } = (await params) as { locale: Locale; id: string };
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: 'card' });
  const deps = await getPresentationDeps();
  const request = await viewPresentationRequest(deps.db, deps.clock, id);

  if (!request) {
    return (
      <div className={styles.request}>
        <h1>{t('request.title')}</h1>
        <p role="alert">{t('request.notFound')}</p>
      </div>
    );
  }

  return (
    <div className={styles.request}>
      <h1>{t('request.title')}</h1>
      <p className={styles.asks} data-testid="request-asks">
        {t.rich('request.asks', {
          name: request.verifierName,
          verifier: (chunks) => (
            <bdi className={styles.verifierName} data-testid="verifier-name">
              {chunks}
            </bdi>
          ),
        })}
      </p>
      <ul className="checklist" data-testid="requested-claims">
        {CLAIMS[request.profile].map((claim) => (
          <li key={claim}>{t(`claims.${claim}`)}</li>
        ))}
      </ul>
      <p className="note">{t('request.named')}</p>
      <p className="note">{t('request.expiresAt', { time: formatTime(locale, request.expiresAt) })}</p>
      <RequestAnswer
        id={request.id}
        locale={locale}
        initialState={request.state}
        verifierName={request.verifierName}
        profile={request.profile}
        labels={{
          onlyIfThere: t('request.onlyIfThere'),
          approve: t('request.approve'),
          decline: t('request.decline'),
          working: t('request.working'),
          approved: t('request.approved', { name: '{name}' }),
          declined: t('request.declined'),
          expired: t('request.expired'),
        }}
        errors={await unlockErrorMessages(locale)}
        expiredCode={presentationErrors.code('request_expired')}
      />
    </div>
  );
}
