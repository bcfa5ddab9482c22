// The officer's appointment times: publish a time (video call, office visit
// or community day) and see one's own from today on, with their bookings.
// For today's office visits and community days, each booking starts the
// in-person check at the officer desk (the desk looks the resident up
// itself, audited). Cancelling a time tells its residents by SMS.
import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { messageForCode } from '@/app/_lib/error-message';
import { seoulDay } from '@/lib/clock';
import { pageAppContext } from '@/app/_lib/page-context';
import { officeIds } from '@/lib/guidance';
import { locales, type Locale } from '@/lib/i18n';
import { listOfficerSlots } from '@/lib/proofing';
import { StaffBar } from '../_components/staff-bar';
import { StaffForbidden } from '../_components/forbidden';
import { guardStaffPage } from '../_lib/guard';
import { byDay, languageName, slotTexts } from '../../booking/_lib/display';
import { cancelSlotAction } from './actions';
import { PublishForm } from './_components/publish-form';
import staffStyles from '../staff.module.css';
import styles from './slots.module.css';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: PageProps<'/[locale]/staff/slots'>): Promise<Metadata> {
  const locale = (await params).locale as Locale;
  const t = await getTranslations({ locale, namespace: 'staff.slots' });
  return { title: t('title') };
}

export default async function StaffSlotsPage({ params, searchParams }: PageProps<'/[locale]/staff/slots'>) {
  const locale = (await params).locale as Locale;
  setRequestLocale(locale);
  const gate = await guardStaffPage(locale, ['officer'], `/${locale}/staff/slots`);
  if (!gate.ok) return <StaffForbidden locale={locale} role={gate.role} />;
  const query = await searchParams;
  const t = await getTranslations({ locale, namespace: 'staff.slots' });
  const b = await getTranslations({ locale, namespace: 'booking' });
  const offices = await getTranslations({ locale, namespace: 'guide.offices' });
  const { db, clock } = await pageAppContext();
  const mine = await listOfficerSlots(db, clock, { officerId: gate.staff.staffId });
  const texts = await slotTexts(
    locale,
    mine.map((m) => m.slot),
  );
  const extra = new Map(mine.map((m) => [m.slot.id, m]));
  const groups = byDay(texts);

  const error = typeof query.error === 'string' && /^[a-z0-9_.]{1,60}$/.test(query.error) ? await messageForCode(locale, query.error) : null;
  const cancelled = typeof query.cancelled === 'string' && /^\d{1,4}$/.test(query.cancelled) ? Number(query.cancelled) : null;
  const published = typeof query.published === 'string';

  return (
    <>
      <StaffBar locale={locale} staff={gate.staff} />
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      {error ? (
        <div className={`${styles.notice} ${styles.bad}`} role="alert" data-testid="slots-error">
          {error}
        </div>
      ) : null}
      {cancelled !== null ? (
        <div className={styles.notice} role="status" data-testid="slot-cancelled">
          {t('cancelled', { count: cancelled })}
        </div>
      ) : null}
      {published ? (
        <div className={styles.notice} role="status" data-testid="slot-published">
          {t('published')}
        </div>
      ) : null}

      <section aria-labelledby="publish-heading">
        <h2 id="publish-heading">{t('publishTitle')}</h2>
        <PublishForm
          locale={locale}
          today={seoulDay(clock.now())}
          languages={locales.map((l) => [l, languageName(locale, l)])}
          offices={officeIds.map((id) => [id, offices(`${id}.name`)])}
          labels={{
            kind: t('kind'),
            kinds: { video: b('kinds.video'), office: b('kinds.office'), community: b('kinds.community') },
            date: t('date'),
            time: t('time'),
            minutes: t('minutes'),
            capacity: t('capacity'),
            capacityHint: t('capacityHint'),
            languages: t('languages'),
            languagesHint: t('languagesHint'),
            interpreter: t('interpreter'),
            office: t('office'),
            officeHint: t('officeHint'),
            venue: t('venue'),
            venueHint: t('venueHint'),
            host: t('host'),
            hostHint: t('hostHint'),
            publish: t('publish'),
            publishing: t('publishing'),
            errorTitle: t('errorTitle'),
          }}
        />
      </section>

      <section aria-labelledby="mine-heading">
        <h2 id="mine-heading">{t('listTitle')}</h2>
        {groups.length === 0 ? <p>{t('none')}</p> : null}
        {groups.map((group) => (
          <section key={group.dayKey} aria-labelledby={`day-${group.dayKey}`}>
            <h3 id={`day-${group.dayKey}`} className={styles.day}>
              {group.day}
            </h3>
            <ul className={staffStyles.list}>
              {group.slots.map((s) => {
                const m = extra.get(s.id)!;
                return (
                  <li key={s.id} id={`slot-${s.id}`} className={styles.slot} data-testid="officer-slot" data-slot-id={s.id}>
                    <div className={styles.head}>
                      <span className={styles.time}>
                        {s.time} <span className={styles.muted}>({b('koreaTime')})</span>
                      </span>
                      <span>{s.kindLabel}</span>
                    </div>
                    <p className={styles.muted}>
                      {s.duration} · <bdi translate="no">{s.place.title}</bdi>
                    </p>
                    <p>
                      {b('slot.languages')}: {s.languages}
                      {s.interpreter ? ` · ${b('slot.interpreter')}` : ''}
                    </p>
                    <p data-testid="seats">{t('seats', { booked: m.slot.booked, capacity: m.slot.capacity })}</p>
                    {m.bookings.length === 0 ? (
                      <p className={styles.muted}>{t('noBookings')}</p>
                    ) : (
                      <ul className={styles.bookings}>
                        {m.bookings.map((booking) => (
                          <li key={booking.id} data-testid="officer-booking">
                            <bdi dir="ltr" className={styles.reference}>
                              {booking.reference}
                            </bdi>
                            <span className={styles.muted}>{t(`status.${booking.status}`)}</span>
                            {m.inPersonToday && booking.status === 'booked' ? (
                              <a className="button" href={`/${locale}/staff/officer?booking=${booking.id}`}>
                                {t('startCheck', { reference: booking.reference })}
                              </a>
                            ) : null}
                          </li>
                        ))}
                      </ul>
                    )}
                    <details className={styles.cancel}>
                      <summary>{t('cancel')}</summary>
                      <form action={cancelSlotAction}>
                        <input type="hidden" name="locale" value={locale} />
                        <input type="hidden" name="slotId" value={s.id} />
                        <p>{t('cancelWarning')}</p>
                        <button type="submit" className="button">
                          {t('cancelConfirm')}
                        </button>
                      </form>
                    </details>
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      </section>
    </>
  );
}
