import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { setRequestLocale } from 'next-intl/server';
import { pageAppContext } from '@/app/_lib/page-context';
import { ENROLLMENT_COOKIE, getEnrollmentView } from '@/lib/enrollment';
import type { Locale } from '@/lib/i18n';
import { StartOver } from '../_components/notes';
import { enrollStrings } from '../_lib/step-page';

export async function generateMetadata({ params }: PageProps<'/[locale]/enroll/expired'>): Promise<Metadata> {
  const t = await enrollStrings((await params).locale as Locale);
  return { title: t('expiredTitle') };
}

export default async function ExpiredPage({ params }: PageProps<'/[locale]/enroll/expired'>) {
  const locale = (await params).locale as Locale;
  setRequestLocale(locale);
  const t = await enrollStrings(locale);
  const { db, clock, keys } = await pageAppContext();
  const view = await getEnrollmentView({ db, clock, keys }, (await cookies()).get(ENROLLMENT_COOKIE)?.value);
  const grant = view?.path === 'office' || view?.path === 'video';
  return (
    <>
      <h1>{t('expiredTitle')}</h1>
      <p className="lead">{t(grant ? 'expiredGrantBody' : 'expiredBody')}</p>
      <StartOver locale={locale} label={t('startAgain')} to={grant ? 'office' : view?.path === 'reissue' ? 'reissue' : 'chip'} />
    </>
  );
}
