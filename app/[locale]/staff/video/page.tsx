// The officer's video desk: today's and tomorrow's video appointments (time,
// reference, the resident's language and where each stands; no names until a
// session starts), with "start session", "open session" and "no-show".
// Server-rendered plain forms: works without JavaScript (the call itself needs it).
import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import styles from '@/components/video/video.module.css';
import { messageForCode } from '@/app/_lib/error-message';
import { pageAppContext } from '@/app/_lib/page-context';
import { seoulDay } from '@/lib/clock';
import { formatTime, type Locale } from '@/lib/i18n';
import { listVideoAppointments, seoulDayStart, type VideoAppointment } from '@/lib/proofing';
import { languageName } from '../../booking/_lib/display';
import { StaffBar } from '../_components/staff-bar';
import { StaffForbidden } from '../_components/forbidden';
import { guardStaffPage } from '../_lib/guard';
import { markNoShowAction, startVideoSessionAction } from './actions';
import desk from '../staff.module.css';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: PageProps<'/[locale]/staff/video'>): Promise<Metadata> {
  const { locale } = (await params) as { locale: Locale };
  const t = await getTranslations({ locale, namespace: 'staff.video' });
  return { title: t('title') };
}

type State = 'booked' | 'waiting' | 'live' | 'approved' | 'rejected' | 'no_show' | 'completed' | 'taken';

function stateOf(a: VideoAppointment): State {
  if (a.session?.outcome) return a.session.outcome;
  if (a.status === 'no_show') return 'no_show';
  if (a.status === 'completed') return 'completed';
  if (a.session && !a.session.mine) return 'taken';
  if (a.session) return a.session.joined ? 'live' : 'waiting';
  return 'booked';
}

export default async function VideoDeskPage({ params, searchParams }: PageProps<'/[locale]/staff/video'>) {
  const { locale } = (await params) as { locale: Locale };
  setRequestLocale(locale);
  const gate = await guardStaffPage(locale, ['officer'], `/${locale}/staff/video`);
  if (!gate.ok) return <StaffForbidden locale={locale} role={gate.role} />;
  const query = await searchParams;
  const t = await getTranslations({ locale, namespace: 'staff.video' });
  const app = await pageAppContext();
  const now = app.clock.now();
  const today = seoulDayStart(seoulDay(now));
  const tomorrow = new Date(today.getTime() + 86_400_000);
  const after = new Date(tomorrow.getTime() + 86_400_000);
  const appointments = await listVideoAppointments(app, { officerId: gate.staff.staffId, from: today, to: after });
  const error = typeof query.error === 'string' && /^[\w.]{1,60}$/.test(query.error) ? await messageForCode(locale, query.error) : null;
  const days = [
    { key: 'today', title: t('today'), rows: appointments.filter((a) => a.startsAt < tomorrow) },
    { key: 'tomorrow', title: t('tomorrow'), rows: appointments.filter((a) => a.startsAt >= tomorrow) },
  ];

  return (
    <>
      <StaffBar locale={locale} staff={gate.staff} />
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      {error ? (
        <div className={`${styles.notice} ${styles.bad}`} role="alert" data-testid="desk-error">
          <p>{error}</p>
        </div>
      ) : null}
      {query.done === 'no_show' ? (
        <p className={`${styles.notice} ${styles.ok}`} role="status">
          {t('noShowDone')}
        </p>
      ) : null}
      {days.map((day) => (
        <section key={day.key} aria-labelledby={`day-${day.key}`}>
          <h2 id={`day-${day.key}`}>{day.title}</h2>
          {day.rows.length === 0 ? (
            <p className="note">{t('none')}</p>
          ) : (
            <ul className={desk.list} data-testid={`appointments-${day.key}`}>
              {day.rows.map((a) => {
                const state = stateOf(a);
                const canStart = state === 'booked' || state === 'waiting' || state === 'live';
                const canNoShow = (state === 'booked' || state === 'waiting') && a.startsAt <= now;
                return (
                  <li key={a.bookingId} data-testid="appointment" data-reference={a.reference} data-state={state}>
                    <dl className={styles.facts}>
                      <dt>{t('time')}</dt>
                      <dd>
                        <time dateTime={a.startsAt.toISOString()}>{formatTime(locale, a.startsAt)}</time>
                        {a.mine ? <span className="note"> · {t('yourSlot')}</span> : null}
                      </dd>
                      <dt>{t('reference')}</dt>
                      <dd id={`ref-${a.bookingId}`}>
                        <bdi dir="ltr">{a.reference}</bdi>
                      </dd>
                      <dt>{t('language')}</dt>
                      <dd>{languageName(locale, a.locale)}</dd>
                      <dt>{t('state')}</dt>
                      <dd>{t(`states.${state}`)}</dd>
                    </dl>
                    <div className={desk.inline}>
                      {canStart ? (
                        <form action={startVideoSessionAction}>
                          <input type="hidden" name="locale" value={locale} />
                          <input type="hidden" name="bookingId" value={a.bookingId} />
                          <button type="submit" className="button primary" aria-describedby={`ref-${a.bookingId}`}>
                            {t(state === 'booked' ? 'start' : 'open')}
                          </button>
                        </form>
                      ) : null}
                      {canNoShow ? (
                        <form action={markNoShowAction}>
                          <input type="hidden" name="locale" value={locale} />
                          <input type="hidden" name="bookingId" value={a.bookingId} />
                          <button type="submit" className="button" aria-describedby={`ref-${a.bookingId}`}>
                            {t('noShow')}
                          </button>
                        </form>
                      ) : null}
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      ))}
    </>
  );
}
