// Staff home: what the signed-in member's role lets them do.
import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import type { Locale } from '@/lib/i18n';
import { StaffBar } from './_components/staff-bar';
import { ALL_STAFF_ROLES, guardStaffPage } from './_lib/guard';

export async function generateMetadata({ params }: PageProps<'/[locale]/staff'>): Promise<Metadata> {
  const { locale } = (await params) as { locale: Locale };
  const t = await getTranslations({ locale, namespace: 'staff' });
  return { title: t('home.title') };
}

export default async function StaffHomePage({ params }: PageProps<'/[locale]/staff'>) {
  const { locale } = (await params) as { locale: Locale };
  setRequestLocale(locale);
  const gate = await guardStaffPage(locale, ALL_STAFF_ROLES, `/${locale}/staff`);
  if (!gate.ok) return null; // every role may open this page
  const { staff } = gate;
  const t = await getTranslations({ locale, namespace: 'staff' });

  return (
    <>
      <StaffBar locale={locale} staff={staff} />
      <section aria-labelledby="staff-home-heading">
        <h1 id="staff-home-heading">{t('home.title')}</h1>
        <p className="lead">{t(`roles.${staff.role}.does`)}</p>
        <ul className="actions">
          {staff.role === 'officer' ? (
            <li>
              <a className="button primary" href={`/${locale}/staff/officer`}>
                {t('home.officer')}
              </a>
            </li>
          ) : null}
          {staff.role === 'officer' ? (
            <li>
              <a className="button" href={`/${locale}/staff/loss`}>
                {t('home.loss')}
              </a>
            </li>
          ) : null}
          {staff.role === 'officer' ? (
            <li>
              <a className="button" href={`/${locale}/staff/slots`}>
                {t('home.slots')}
              </a>
            </li>
          ) : null}
          {staff.role === 'officer' ? (
            <li>
              <a className="button" href={`/${locale}/staff/video`}>
                {t('home.video')}
              </a>
            </li>
          ) : null}
          {staff.role === 'admin' ? (
            <li>
              <a className="button primary" href={`/${locale}/staff/admin`}>
                {t('home.admin')}
              </a>
            </li>
          ) : null}
          {staff.role === 'partner' ? (
            <li>
              <a className="button primary" href={`/${locale}/staff/partner`}>
                {t('home.partner')}
              </a>
            </li>
          ) : null}
          {staff.role === 'analyst' || staff.role === 'admin' ? (
            <li>
              <a className={staff.role === 'analyst' ? 'button primary' : 'button'} href={`/${locale}/staff/dashboard`}>
                {t('home.dashboard')}
              </a>
            </li>
          ) : null}
          {staff.role === 'officer' || staff.role === 'admin' ? (
            <li>
              <a className="button" href={`/${locale}/staff/community-days`}>
                {t('home.communityDays')}
              </a>
            </li>
          ) : null}
        </ul>
      </section>
    </>
  );
}
