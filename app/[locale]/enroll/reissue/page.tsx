import type { Metadata } from 'next';
import type { Locale } from '@/lib/i18n';
import { IdentifyForm } from '../_components/identify-form';
import { Note } from '../_components/notes';
import { keptForm } from '../_lib/kept-form';
import { enrollStrings, formError, stepPage } from '../_lib/step-page';

export async function generateMetadata({ params }: PageProps<'/[locale]/enroll/reissue'>): Promise<Metadata> {
  const t = await enrollStrings((await params).locale as Locale);
  return { title: t('reissueTitle') };
}

/** Reissue: which way applies (chip: self-service here; no chip: an officer again) and why. */
export default async function ReissuePage({ params, searchParams }: PageProps<'/[locale]/enroll/reissue'>) {
  const locale = (await params).locale as Locale;
  await stepPage(locale, 'identify', 'reissue');
  const t = await enrollStrings(locale);
  const query = await searchParams;
  const error = await formError(locale, query);
  const kept = await keptForm(locale, '/enroll/reissue', query);
  return (
    <>
      <h1>{t('reissueTitle')}</h1>
      <p className="lead">{t('reissueIntro')}</p>
      <section aria-labelledby="reissue-chip">
        <h2 id="reissue-chip">{t('reissueChipTitle')}</h2>
        <p>{t('reissueChipBody')}</p>
        {error ? <Note kind="error">{error}</Note> : null}
        <IdentifyForm locale={locale} path="reissue" t={t} kept={kept} />
      </section>
      <section aria-labelledby="reissue-legacy">
        <h2 id="reissue-legacy">{t('reissueLegacyTitle')}</h2>
        <p>{t('reissueLegacyBody')}</p>
        <ul className="actions">
          <li>
            <a className="button" href={`/${locale}/enroll/office`}>
              {t('haveQr')}
            </a>
          </li>
          <li>
            <a className="button" href={`/${locale}/booking`}>
              {t('bookVideo')}
            </a>
          </li>
        </ul>
        <h3>{t('upgradeTitle')}</h3>
        <p>
          {t('upgradeBody')} <a href={`/${locale}/guide/upgrade-to-ic`}>{t('upgradeLink')}</a>
        </p>
      </section>
    </>
  );
}
