// Report a lost or stolen phone: from any device, without the lost phone,
// with the card's registration number, serial and date of birth. The form
// posts to a server action and works with JavaScript off; the answer is
// the confirmation page, the same whether or not the details matched.
import type { Metadata } from 'next';
import { hasLocale } from 'next-intl';
import { notFound } from 'next/navigation';
import { setRequestLocale } from 'next-intl/server';
import { routing } from '@/i18n/routing';
import { datePartOrder, type Locale } from '@/lib/i18n';
import { reportLossAction } from './actions';
import { LossForm, type LossFormText } from './_components/loss-form';
import { lossText, Rich, withLtr } from './_components/text';
import styles from './loss.module.css';

export function generateStaticParams() {
  return routing.locales.map((locale) => ({ locale }));
}

/** Examples in the hints, written as on the card. */
const EXAMPLE_NUMBER = '960412-6123456';
const EXAMPLE_SERIAL = 'IC123456789';

export async function generateMetadata({ params }: PageProps<'/[locale]/loss'>): Promise<Metadata> {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) return {};
  const t = await lossText(locale);
  return { title: t('title'), description: t('lead') };
}

export default async function LossPage({ params }: PageProps<'/[locale]/loss'>) {
  const { locale } = (await params) as { locale: Locale };
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const t = await lossText(locale);
  const text: LossFormText = {
    locale,
    formTitle: t('formTitle'),
    registrationNumber: t('registrationNumber'),
    registrationNumberHint: withLtr((example) => t('registrationNumberHint', { example }), EXAMPLE_NUMBER),
    cardSerial: t('cardSerial'),
    cardSerialHint: withLtr((example) => t('cardSerialHint', { example }), EXAMPLE_SERIAL),
    birthDate: t('birthDate'),
    birthDateHint: t('birthDateHint'),
    parts: { day: t('day'), month: t('month'), year: t('year') },
    partOrder: datePartOrder(locale),
    privacy: t('privacy'),
    submit: t('submit'),
    summaryTitle: t('summaryTitle'),
  };

  return (
    <>
      <h1>{t('title')}</h1>
      <p className="lead">{t('lead')}</p>
      <div className={`panel ${styles.explain}`}>
        <p>{t('whatHappens')}</p>
        <p>{t('neverUnlocks')}</p>
      </div>
      <LossForm text={text} action={reportLossAction} />
      <p>
        <Rich text={t('noForm')} />
      </p>
      <p className={styles.hint}>{t('plastic')}</p>
    </>
  );
}
