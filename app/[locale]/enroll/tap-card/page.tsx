import type { Metadata } from 'next';
import { pageAppContext } from '@/app/_lib/page-context';
import type { Locale } from '@/lib/i18n';
import { Note, Progress, StartOver } from '../_components/notes';
import { TapCard } from '../_components/tap-card';
import { enrollStrings, stepPage } from '../_lib/step-page';
import styles from '../enroll.module.css';

export async function generateMetadata({ params }: PageProps<'/[locale]/enroll/tap-card'>): Promise<Metadata> {
  const t = await enrollStrings((await params).locale as Locale);
  return { title: t('tapTitle') };
}

export default async function TapCardPage({ params }: PageProps<'/[locale]/enroll/tap-card'>) {
  const locale = (await params).locale as Locale;
  await stepPage(locale, 'chip');
  const t = await enrollStrings(locale);
  const { demo } = await pageAppContext();
  return (
    <>
      <Progress label={t('progress', { current: 3, total: 4 })} />
      <h1>{t('tapTitle')}</h1>
      <p className="lead">{t('tapIntro')}</p>
      <svg className={styles.tapArt} viewBox="0 0 120 90" aria-hidden="true">
        <rect x="38" y="4" width="44" height="82" rx="8" fill="none" stroke="currentColor" strokeWidth="4" />
        <rect x="10" y="34" width="70" height="44" rx="5" fill="#0b4f8a" opacity="0.85" />
        <rect x="18" y="44" width="14" height="11" rx="2" fill="#d4a017" />
        <path d="M92 30 q10 15 0 30 M100 24 q16 21 0 42" fill="none" stroke="currentColor" strokeWidth="3" />
      </svg>
      {demo ? (
        <TapCard
          locale={locale}
          strings={{
            simulatorLabel: t('tapSimulatorLabel'),
            simulatorButton: t('tapSimulatorButton'),
            working: t('tapWorking'),
            network: t('browserNetwork'),
          }}
        />
      ) : (
        <Note kind="warn">{t('tapNoReader')}</Note>
      )}
      <StartOver locale={locale} label={t('startOver')} />
    </>
  );
}
