// Cancelling a booking asks once more: what happens (the place goes to
// someone else; a new time can be booked later), then one button.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { pageAppContext } from '@/app/_lib/page-context';
import type { Locale } from '@/lib/i18n';
import { findBookingBySecret } from '@/lib/proofing';
import { cancelAction } from '../../actions';
import { SlotDetails } from '../../_components/slot-card';
import { slotText } from '../../_lib/display';
import styles from '../../booking.module.css';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: PageProps<'/[locale]/booking/[secret]/cancel'>): Promise<Metadata> {
  const locale = (await params).locale as Locale;
  const t = await getTranslations({ locale, namespace: 'booking.cancel' });
  return { title: t('title'), robots: { index: false, follow: false }, referrer: 'same-origin' };
}

export default async function CancelPage({ params }: PageProps<'/[locale]/booking/[secret]/cancel'>) {
  const { locale: raw, secret } = await params;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const { db, clock } = await pageAppContext();
  const found = await findBookingBySecret(db, secret);
  if (!found) notFound();
  const { booking, slot } = found;
  const t = await getTranslations({ locale, namespace: 'booking' });
  const here = `/${locale}/booking/${secret}`;
  const labels = { languages: t('slot.languages'), interpreter: t('slot.interpreter'), koreaTime: t('koreaTime') };

  if (booking.status !== 'booked' || slot.startsAt <= clock.now()) {
    return (
      <>
        <h1>{t('cancel.title')}</h1>
        <p role="status">{t('reschedule.notNow')}</p>
        <p>
          <a href={here}>{t('reschedule.back')}</a>
        </p>
      </>
    );
  }

  return (
    <>
      <h1>{t('cancel.title')}</h1>
      <section className={styles.slot} aria-label={t('reschedule.current')}>
        <SlotDetails slot={await slotText(locale, slot)} labels={labels} showDay />
        <p>
          {t('booked.reference')}: <bdi dir="ltr">{booking.reference}</bdi>
        </p>
      </section>
      <p className="lead">{t('cancel.body')}</p>
      <form action={cancelAction} data-testid="cancel-form">
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="secret" value={secret} />
        <ul className="actions">
          <li>
            <button type="submit" className="button primary">
              {t('cancel.confirm')}
            </button>
          </li>
          <li>
            <a className="button" href={here}>
              {t('cancel.keep')}
            </a>
          </li>
        </ul>
      </form>
    </>
  );
}
