import type { Metadata } from 'next';
import type { Locale } from '@/lib/i18n';
import { IdentifyForm } from '../_components/identify-form';
import { Note, Progress } from '../_components/notes';
import { keptForm } from '../_lib/kept-form';
import { enrollStrings, formError, stepPage } from '../_lib/step-page';

export async function generateMetadata({ params }: PageProps<'/[locale]/enroll/chip'>): Promise<Metadata> {
  const t = await enrollStrings((await params).locale as Locale);
  return { title: t('chipTitle') };
}

export default async function ChipPage({ params, searchParams }: PageProps<'/[locale]/enroll/chip'>) {
  const locale = (await params).locale as Locale;
  await stepPage(locale, 'identify', 'chip');
  const t = await enrollStrings(locale);
  const query = await searchParams;
  const error = await formError(locale, query);
  const kept = await keptForm(locale, '/enroll/chip', query);
  return (
    <>
      <Progress label={t('progress', { current: 1, total: 4 })} />
      <h1>{t('chipTitle')}</h1>
      <p className="lead">{t('chipIntro')}</p>
      {error ? <Note kind="error">{error}</Note> : null}
      <IdentifyForm locale={locale} path="chip" t={t} kept={kept} />
      <p>
        <a href={`/${locale}/enroll`}>{t('otherWays')}</a>
      </p>
    </>
  );
}
