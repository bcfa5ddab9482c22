import type { Metadata } from 'next';
import type { Locale } from '@/lib/i18n';
import { StartOver } from '../_components/notes';
import { enrollStrings, stepPage } from '../_lib/step-page';

export async function generateMetadata({ params }: PageProps<'/[locale]/enroll/needs-grant'>): Promise<Metadata> {
  const t = await enrollStrings((await params).locale as Locale);
  return { title: t('needsGrantTitle') };
}

/** A card without a chip: which way applies now (an officer, in person or by video), why, and the IC-card upgrade. */
export default async function NeedsGrantPage({ params }: PageProps<'/[locale]/enroll/needs-grant'>) {
  const locale = (await params).locale as Locale;
  const view = await stepPage(locale, 'needs_grant');
  const t = await enrollStrings(locale);
  return (
    <>
      <h1>{t('needsGrantTitle')}</h1>
      <p className="lead">{t('needsGrantWhy')}</p>
      {view?.hasActiveCard ? <p>{t('needsGrantCurrentCard')}</p> : null}
      <ul className="checklist">
        <li>{t('needsGrantOffice')}</li>
        <li>{t('needsGrantVideo')}</li>
      </ul>
      <ul className="actions">
        <li>
          <a className="button primary" href={`/${locale}/booking`}>
            {t('bookVideo')}
          </a>
        </li>
        <li>
          <a className="button" href={`/${locale}/enroll/office`}>
            {t('haveQr')}
          </a>
        </li>
      </ul>
      <h2>{t('upgradeTitle')}</h2>
      <p>
        {t('upgradeBody')} <a href={`/${locale}/guide/upgrade-to-ic`}>{t('upgradeLink')}</a>
      </p>
      <StartOver locale={locale} label={t('startOver')} />
    </>
  );
}
