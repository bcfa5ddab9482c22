import type { Metadata } from 'next';
import { setRequestLocale } from 'next-intl/server';
import type { Locale } from '@/lib/i18n';
import { Note } from './_components/notes';
import { PhoneCardStatus } from './_components/phone-card-status';
import { phoneCardStrings } from './_lib/phone-card-strings';
import { enrollStrings, formError } from './_lib/step-page';
import styles from './enroll.module.css';

export async function generateMetadata({ params }: PageProps<'/[locale]/enroll'>): Promise<Metadata> {
  const t = await enrollStrings((await params).locale as Locale);
  return { title: t('startTitle') };
}

/** Which way to get the card: chip card (self-service), no chip (an officer), or again on a new phone. */
export default async function EnrollStartPage({ params, searchParams }: PageProps<'/[locale]/enroll'>) {
  const locale = (await params).locale as Locale;
  setRequestLocale(locale);
  const t = await enrollStrings(locale);
  const error = await formError(locale, await searchParams);
  return (
    <>
      <h1>{t('startTitle')}</h1>
      {error ? <Note kind="error">{error}</Note> : null}
      <PhoneCardStatus locale={locale} strings={phoneCardStrings(t)} />
      <p className="lead">{t('startIntro')}</p>
      <section aria-labelledby="who-can">
        <h2 id="who-can">{t('whoCanTitle')}</h2>
        <ul className="checklist">
          <li>{t('whoCan1')}</li>
          <li>{t('whoCan2')}</li>
          <li>{t('whoCan3')}</li>
        </ul>
      </section>
      <ul className={styles.options}>
        <li className={styles.option}>
          <h2>{t('chipOptionTitle')}</h2>
          <p>{t('chipOptionBody')}</p>
          <p className="note">{t('howChipTell')}</p>
          <a className="button primary" href={`/${locale}/enroll/chip`}>
            {t('chipOptionButton')}
          </a>
        </li>
        <li className={styles.option}>
          <h2>{t('legacyOptionTitle')}</h2>
          <p>{t('legacyOptionBody')}</p>
          <a className="button" href={`/${locale}/enroll/office`}>
            {t('haveQr')}
          </a>
          <a className="button" href={`/${locale}/booking`}>
            {t('bookVideo')}
          </a>
        </li>
        <li className={styles.option}>
          <h2>{t('reissueOptionTitle')}</h2>
          <p>{t('reissueOptionBody')}</p>
          <a className="button" href={`/${locale}/enroll/reissue`}>
            {t('reissueButton')}
          </a>
        </li>
      </ul>
    </>
  );
}
