// The officer's desk: find a resident by registration number, compare the
// person with the card, confirm, and show the one-time enrollment QR.
import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import type { Locale } from '@/lib/i18n';
import { StaffBar } from '../_components/staff-bar';
import { StaffForbidden } from '../_components/forbidden';
import { OfficerDesk } from '../_components/officer-desk';
import { guardStaffPage } from '../_lib/guard';

export async function generateMetadata({ params }: PageProps<'/[locale]/staff/officer'>): Promise<Metadata> {
  const { locale } = (await params) as { locale: Locale };
  const t = await getTranslations({ locale, namespace: 'staff' });
  return { title: t('officer.title') };
}

export default async function OfficerPage({ params, searchParams }: PageProps<'/[locale]/staff/officer'>) {
  const { locale } = (await params) as { locale: Locale };
  // From the officer's slots page: a booked office visit or community day to start the check from.
  const booking = (await searchParams).booking;
  const visit = typeof booking === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(booking) ? { bookingId: booking } : undefined;
  setRequestLocale(locale);
  const gate = await guardStaffPage(locale, ['officer'], `/${locale}/staff/officer`);
  if (!gate.ok) return <StaffForbidden locale={locale} role={gate.role} />;
  const t = await getTranslations({ locale, namespace: 'staff.officer' });

  return (
    <>
      <StaffBar locale={locale} staff={gate.staff} />
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <OfficerDesk
        locale={locale}
        visit={visit}
        labels={{
          visitTitle: t('visit.title'),
          visitIntro: t('visit.intro'),
          visitLookup: t('visit.lookup'),
          visitReference: t.raw('visit.reference') as string,
          registrationNumber: t('registrationNumberLabel'),
          registrationHint: t('registrationNumberHint'),
          find: t('find'),
          finding: t('finding'),
          checkHeading: t('checkHeading'),
          photoMatches: t('photoMatches'),
          cardGenuine: t('cardGenuine'),
          showQr: t('showQr'),
          showing: t('showing'),
          qrHeading: t('qrHeading'),
          qrAlt: t('qrAlt'),
          qrInstructions: t('qrInstructions'),
          shortCodeLabel: t('shortCodeLabel'),
          singleUse: t('singleUse'),
          another: t('another'),
          eligibility: t('eligibilityLabel'),
          activeCardWarning: t('activeCard.warning'),
          moveCard: t('activeCard.tick'),
        }}
      />
    </>
  );
}
