// A booking's own page, reached by the link in the SMS (the secret is the
// key; never the registration number): its reference to read to staff,
// when (Korea's time, in the reader's language) and where or how, what to
// have ready, the calendar file, and moving or cancelling it.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { pageAppContext } from '@/app/_lib/page-context';
import { hrefOf } from '@/lib/guidance';
import type { Locale } from '@/lib/i18n';
import { findBookingBySecret } from '@/lib/proofing';
import { slotText } from '../_lib/display';
import { pageError } from '../_lib/page-error';
import styles from '../booking.module.css';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: PageProps<'/[locale]/booking/[secret]'>): Promise<Metadata> {
  const locale = (await params).locale as Locale;
  const t = await getTranslations({ locale, namespace: 'booking.booked' });
  // The address holds the booking's secret: no search engine, and no referrer to other sites
  // ('same-origin', not 'no-referrer': with no-referrer the browser sends Origin: null on a plain
  // form post, and the server refuses it as another site's).
  return { title: t('title'), robots: { index: false, follow: false }, referrer: 'same-origin' };
}

const READY = { video: ['card', 'light', 'quiet', 'phone', 'battery'], office: ['card', 'phone', 'early'], community: ['card', 'phone', 'early'] } as const;

export default async function BookingOwnPage({ params, searchParams }: PageProps<'/[locale]/booking/[secret]'>) {
  const { locale: raw, secret } = await params;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const query = await searchParams;
  const { db, clock } = await pageAppContext();
  const found = await findBookingBySecret(db, secret);
  if (!found) notFound();
  const { booking, slot } = found;
  const t = await getTranslations({ locale, namespace: 'booking' });
  const call = await getTranslations({ locale, namespace: 'call' });
  const text = await slotText(locale, slot);
  const error = await pageError(locale, query);
  const live = booking.status === 'booked';
  const changeable = live && slot.startsAt > clock.now();
  const status = booking.status === 'cancelled' && booking.movedAway ? 'moved' : booking.status;
  const smsFailed = query.sms === '0';

  let notice: { kind: 'ok' | 'warn' | 'bad'; title: string; body?: string; testId: string } | null = null;
  if (query.booked === '1' && live) notice = { kind: 'ok', title: t('booked.justBooked'), body: t(smsFailed ? 'booked.smsNotSent' : 'booked.smsSent'), testId: 'just-booked' };
  else if (query.moved === '1' && live) notice = { kind: 'ok', title: t('booked.justMoved'), body: t(smsFailed ? 'booked.smsNotSent' : 'booked.smsSentMoved'), testId: 'just-moved' };
  else if (query.cancelled === '1' && booking.status === 'cancelled') notice = { kind: 'ok', title: t('booked.justCancelled'), testId: 'just-cancelled' };
  else if (status !== 'booked') notice = { kind: status === 'completed' ? 'ok' : 'warn', title: t(`booked.status.${status}`), testId: `status-${status}` };

  return (
    <>
      <h1>{t('booked.title')}</h1>
      {error ? (
        <div className={`${styles.notice} ${styles.bad}`} role="alert" data-testid="page-error" data-code={error.code}>
          <p>{error.message}</p>
        </div>
      ) : null}
      {notice ? (
        <div className={`${styles.notice} ${styles[notice.kind]}`} role="status" data-testid={notice.testId}>
          <h2>{notice.title}</h2>
          {notice.body ? <p>{notice.body}</p> : null}
        </div>
      ) : null}

      <dl className={styles.facts} data-testid="booking-facts" data-status={booking.status}>
        <dt>{t('booked.reference')}</dt>
        <dd>
          <bdi dir="ltr" className={styles.reference} data-testid="reference">
            {booking.reference}
          </bdi>
          <p className={styles.muted}>{t('booked.referenceNote')}</p>
        </dd>
        <dt>{t('booked.when')}</dt>
        <dd data-testid="when">
          {text.day}
          <p>
            <time dateTime={slot.startsAt.toISOString()}>{text.time}</time> ({t('koreaTime')}) · {text.duration}
          </p>
        </dd>
        <dt>{t(slot.kind === 'video' ? 'booked.how' : 'booked.where')}</dt>
        <dd>
          {text.place.title}
          {text.place.address ? <p translate="no">{text.place.address}</p> : null}
          {text.place.lines.map((line) => (
            <p key={line}>{line}</p>
          ))}
          {slot.kind === 'video' && live ? <p>{t('booked.videoHow')}</p> : null}
          {slot.kind === 'video' ? (
            <p>
              <a className="button primary" href={`/${locale}/booking/${secret}/call`} data-testid="video-call-link">
                {call('openCall')}
              </a>
            </p>
          ) : null}
          {slot.kind === 'office' ? (
            <p>
              <a href={hrefOf(locale, { topic: 'help', hash: 'offices' })}>{t('help.offices')}</a>
            </p>
          ) : null}
        </dd>
        <dt>{t('slot.languages')}</dt>
        <dd>
          {text.languages}
          {slot.interpreter ? <p>{t('slot.interpreter')}</p> : null}
        </dd>
      </dl>

      {live ? (
        <>
          <section aria-labelledby="ready-heading">
            <h2 id="ready-heading">{t('booked.readyTitle')}</h2>
            <ul className="checklist" data-testid="ready">
              {READY[slot.kind].map((item) => (
                <li key={item}>{t(`ready.${item}`)}</li>
              ))}
            </ul>
          </section>

          <section aria-labelledby="calendar-heading">
            <h2 id="calendar-heading">{t('booked.calendarTitle')}</h2>
            <p>{t('booked.calendarNote')}</p>
            <a className="button" href={`/${locale}/booking/${secret}/calendar.ics`} download={`${booking.reference}.ics`} data-testid="calendar-link">
              {t('booked.calendar')}
            </a>
          </section>
        </>
      ) : null}

      {changeable ? (
        <section aria-labelledby="change-heading">
          <h2 id="change-heading">{t('booked.changeTitle')}</h2>
          <ul className="actions">
            <li>
              <a className="button" href={`/${locale}/booking/${secret}/reschedule`}>
                {t('booked.reschedule')}
              </a>
            </li>
            <li>
              <a className="button" href={`/${locale}/booking/${secret}/cancel`}>
                {t('booked.cancel')}
              </a>
            </li>
          </ul>
        </section>
      ) : null}

      {!live ? (
        <ul className="actions">
          <li>
            <a className="button primary" href={`/${locale}/booking`}>
              {t('booked.bookAgain')}
            </a>
          </li>
        </ul>
      ) : null}
    </>
  );
}
