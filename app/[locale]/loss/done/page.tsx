// After a loss report: the same page whether or not the details matched a
// card ("if these details match a card, it is locked now"), with the
// report's reference; then what to do next (the plastic card still works;
// reissue and the proof it needs; 1345). Without a reference it is the page
// "what to do after a loss report" the locked card's screen links to.
import type { Metadata } from 'next';
import { hasLocale } from 'next-intl';
import { notFound } from 'next/navigation';
import { setRequestLocale } from 'next-intl/server';
import { routing } from '@/i18n/routing';
import type { Locale } from '@/lib/i18n';
import { normaliseReference } from '@/lib/loss';
import { CallButton, lossText, Rich } from '../_components/text';
import styles from '../loss.module.css';

export async function generateMetadata({ params, searchParams }: PageProps<'/[locale]/loss/done'>): Promise<Metadata> {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) return {};
  const t = await lossText(locale);
  const reference = normaliseReference((await searchParams).ref);
  return { title: reference ? t('done.title') : t('done.afterTitle'), robots: { index: false } };
}

export default async function LossDonePage({ params, searchParams }: PageProps<'/[locale]/loss/done'>) {
  const { locale } = (await params) as { locale: Locale };
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const t = await lossText(locale);
  const reference = normaliseReference((await searchParams).ref);

  return (
    <>
      <h1>{reference ? t('done.title') : t('done.afterTitle')}</h1>
      {reference ? (
        <>
          <p className={styles.locked} data-testid="loss-answer">
            {t('done.locked')}
          </p>
          <div className={styles.reference}>
            <span>{t('done.referenceLabel')}</span>
            <bdi dir="ltr" className={styles.referenceValue} data-testid="loss-reference">
              {reference}
            </bdi>
            <span className="note">{t('done.referenceNote')}</span>
          </div>
        </>
      ) : (
        <p className="lead">{t('neverUnlocks')}</p>
      )}

      <h2>{t('done.nextTitle')}</h2>
      <ol className={styles.steps}>
        <li>{t('plastic')}</li>
        <li>
          {t('done.reissue')}
          <ul>
            <li>{t('done.reissueChip')}</li>
            <li>{t('done.reissueLegacy')}</li>
          </ul>
          <p>{t('done.newNumber')}</p>
        </li>
        <li>
          <Rich text={t('done.help')} />
        </li>
      </ol>
      <ul className="actions">
        <li>
          <a className="button primary" href={`/${locale}/enroll/reissue`}>
            {t('done.reissueButton')}
          </a>
        </li>
        <li>
          <a className="button" href={`/${locale}/booking`}>
            {t('done.videoButton')}
          </a>
        </li>
        <li>
          <CallButton label={(phone) => t('done.callButton', { phone })} />
        </li>
      </ul>
      {reference ? null : (
        <p>
          <a href={`/${locale}/loss`}>{t('done.reportLink')}</a>
        </p>
      )}
    </>
  );
}
