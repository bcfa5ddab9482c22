import type { Metadata } from 'next';
import type { Locale } from '@/lib/i18n';
import { Note } from '../_components/notes';
import { PhoneCardStatus } from '../_components/phone-card-status';
import { phoneCardStrings } from '../_lib/phone-card-strings';
import { enrollStrings, stepPage } from '../_lib/step-page';

export async function generateMetadata({ params }: PageProps<'/[locale]/enroll/done'>): Promise<Metadata> {
  const t = await enrollStrings((await params).locale as Locale);
  return { title: t('doneTitle') };
}

export default async function DonePage({ params }: PageProps<'/[locale]/enroll/done'>) {
  const locale = (await params).locale as Locale;
  const view = (await stepPage(locale, 'done'))!;
  const t = await enrollStrings(locale);
  return (
    <>
      <h1>{t('doneTitle')}</h1>
      <p className="lead">{t('doneBody')}</p>
      {view.replacedCard ? <Note kind="info">{t('doneMoved')}</Note> : null}
      <PhoneCardStatus locale={locale} strings={phoneCardStrings(t)} />
      <p>
        <a href={`/${locale}`}>{t('home')}</a>
      </p>
    </>
  );
}
