// An officer locks a resident's lost card (the resident on the phone or at
// the counter): find them, check it is them, lock every active mobile card.
import type { Metadata } from 'next';
import { setRequestLocale } from 'next-intl/server';
import type { Locale } from '@/lib/i18n';
import { translations } from '../../loss/_components/text';
import { StaffBar } from '../_components/staff-bar';
import { StaffForbidden } from '../_components/forbidden';
import { guardStaffPage } from '../_lib/guard';
import { OfficerLoss } from './officer-loss';

export async function generateMetadata({ params }: PageProps<'/[locale]/staff/loss'>): Promise<Metadata> {
  const { locale } = (await params) as { locale: Locale };
  const t = await translations({ locale, namespace: 'staff.loss' });
  return { title: t('title'), robots: { index: false } };
}

export default async function StaffLossPage({ params }: PageProps<'/[locale]/staff/loss'>) {
  const { locale } = (await params) as { locale: Locale };
  setRequestLocale(locale);
  const gate = await guardStaffPage(locale, ['officer'], `/${locale}/staff/loss`);
  if (!gate.ok) return <StaffForbidden locale={locale} role={gate.role} />;
  const t = await translations({ locale, namespace: 'staff.loss' });
  const officer = await translations({ locale, namespace: 'staff.officer' });

  return (
    <>
      <StaffBar locale={locale} staff={gate.staff} />
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <OfficerLoss
        locale={locale}
        labels={{
          registrationNumber: officer('registrationNumber'),
          registrationHint: t('registrationNumberHint'),
          find: officer('find'),
          finding: officer('finding'),
          birthDate: officer('birthDate'),
          nationality: officer('nationality'),
          cardSerial: officer('cardSerial'),
          mobileCard: t('mobileCard'),
          active: t('active'),
          none: t('none'),
          lockedBefore: t('lockedBefore', { count: '{count}' }),
          lastReport: t('lastReport'),
          checkHeading: t('checkHeading'),
          checkWho: t('checkWho'),
          checkAsked: t('checkAsked'),
          lock: t('lock'),
          locking: t('locking'),
          nothingToLock: t('nothingToLock'),
          doneTitle: t('doneTitle'),
          doneBody: t('doneBody'),
          reference: t('reference'),
          referenceNote: t('referenceNote'),
          tell: t('tell'),
          another: t('another'),
        }}
      />
    </>
  );
}
