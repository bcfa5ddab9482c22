// Booking an identity check, first page: who it is for, the three kinds of
// check, a search by language (the page's own by default), kind and days,
// the wait to the first free time in that language, and the free times in
// Korea's time written in the reader's language. A GET form: works with
// JavaScript off.
import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { isCalendarDay, seoulDay } from '@/lib/clock';
import { pageAppContext } from '@/app/_lib/page-context';
import { hrefOf, phoneNumbers } from '@/lib/guidance';
import { isLocale, koreanPhoneHref, locales, type Locale } from '@/lib/i18n';
import { SLOT_KINDS, findSlotPage, firstFreeSlotWait, isSlotId, isSlotKind } from '@/lib/proofing';
import { SlotCard } from './_components/slot-card';
import { SlotPages } from './_components/slot-pages';
import { byDay, formatDay, formatWait, languageName, slotTexts } from './_lib/display';
import styles from './booking.module.css';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: PageProps<'/[locale]/booking'>): Promise<Metadata> {
  const locale = (await params).locale as Locale;
  const t = await getTranslations({ locale, namespace: 'booking' });
  return { title: t('title') };
}

const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined);

export default async function BookingPage({ params, searchParams }: PageProps<'/[locale]/booking'>) {
  const locale = (await params).locale as Locale;
  setRequestLocale(locale);
  const query = await searchParams;
  const t = await getTranslations({ locale, namespace: 'booking' });
  const enroll = await getTranslations({ locale, namespace: 'enroll' });
  const { db, clock } = await pageAppContext();
  const today = seoulDay(clock.now());

  const language: Locale = isLocale(one(query.lang)) ? (one(query.lang) as Locale) : locale;
  const kindParam = one(query.kind);
  const kind = isSlotKind(kindParam) ? kindParam : null;
  // A day that does not exist (2026-13-45) is no filter, as an empty field.
  const fromDay = isCalendarDay(one(query.from) ?? '') ? one(query.from)! : '';
  const toDay = isCalendarDay(one(query.to) ?? '') ? one(query.to)! : '';
  // Days given the wrong way round (from 20 December to 1 December) mean the days between:
  // searched as such, and the form shows them in order, so the reader sees what was searched.
  const [from, to] = fromDay && toDay && toDay < fromDay ? [toDay, fromDay] : [fromDay, toDay];
  // A page after the first: the last slot of the page before.
  const after = isSlotId(one(query.after)) ? one(query.after)! : '';

  const [wait, { slots, later }] = await Promise.all([
    firstFreeSlotWait(db, clock, { language, kind }),
    findSlotPage(db, clock, { language, kind, from: from || null, to: to || null, after: after || null }),
  ]);
  /** This search's address, on another page of it. */
  const searchHref = (page: { after?: string }) => {
    const params = new URLSearchParams({ lang: language });
    if (kind) params.set('kind', kind);
    if (from) params.set('from', from);
    if (to) params.set('to', to);
    if (page.after) params.set('after', page.after);
    return `/${locale}/booking?${params}#results-heading`;
  };
  const groups = byDay(await slotTexts(locale, slots));
  const languageLabel = languageName(locale, language);
  const labels = { languages: t('slot.languages'), interpreter: t('slot.interpreter'), koreaTime: t('koreaTime') };
  const phone = phoneNumbers.phone;
  const call = (chunks: React.ReactNode) => (
    <a href={koreanPhoneHref(phone) ?? `tel:${phone}`}>
      <bdi dir="ltr">{chunks}</bdi>
    </a>
  );

  return (
    <>
      <h1>{t('title')}</h1>
      <p className="lead">{t('lead')}</p>

      <section aria-labelledby="who-heading">
        <h2 id="who-heading">{t('whoTitle')}</h2>
        <ul className="checklist">
          <li>{t('who1')}</li>
          <li>{t('who2')}</li>
        </ul>
        <ul className={styles.kinds}>
          {SLOT_KINDS.map((k) => (
            <li key={k}>
              <strong>{t(`kinds.${k}`)}</strong>
              {t(`kindsAbout.${k}`)}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="find-heading">
        <h2 id="find-heading">{t('filters.title')}</h2>
        <form method="get" action={`/${locale}/booking`} className={`panel ${styles.filters}`} data-testid="slot-filters">
          <div className={styles.field}>
            <label htmlFor="lang">{t('filters.language')}</label>
            <select id="lang" name="lang" defaultValue={language}>
              {locales.map((l) => (
                <option key={l} value={l}>
                  {languageName(locale, l)}
                </option>
              ))}
            </select>
          </div>
          <fieldset>
            <legend>{t('filters.kind')}</legend>
            <div className={styles.radios}>
              {(['', ...SLOT_KINDS] as const).map((k) => (
                <label key={k || 'any'} className={styles.radio}>
                  <input type="radio" name="kind" value={k} defaultChecked={(kind ?? '') === k} />
                  <span>{k ? t(`kinds.${k}`) : t('filters.anyKind')}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <div className={styles.dates}>
            <div className={styles.field}>
              <label htmlFor="from">{t('filters.from')}</label>
              <input id="from" name="from" type="date" min={today} defaultValue={from} dir="ltr" />
            </div>
            <div className={styles.field}>
              <label htmlFor="to">{t('filters.to')}</label>
              <input id="to" name="to" type="date" min={today} defaultValue={to} dir="ltr" />
            </div>
          </div>
          <button type="submit" className="button primary">
            {t('filters.submit')}
          </button>
        </form>
      </section>

      {wait ? (
        <p className={styles.wait} data-testid="first-free" data-days={wait.days}>
          {t(`wait.${kind ?? 'any'}`, { language: languageLabel, wait: formatWait(locale, wait), date: formatDay(locale, wait.slot.startsAt) })}
        </p>
      ) : (
        <p className={`${styles.wait} ${styles.none}`} data-testid="first-free">
          {t.rich('noWait', { language: languageLabel, phone, call })}
        </p>
      )}

      <section aria-labelledby="results-heading">
        <h2 id="results-heading">{t('resultsTitle')}</h2>
        <p className="note" role="status">
          {later ? t('resultsMore', { count: slots.length }) : t('resultsCount', { count: slots.length })}
        </p>
        {groups.length === 0 ? <p>{t('noResults')}</p> : null}
        {groups.map((group) => (
          <section key={group.dayKey} aria-labelledby={`day-${group.dayKey}`}>
            <h3 id={`day-${group.dayKey}`} className={styles.day}>
              {group.day}
            </h3>
            <ul className={styles.slots}>
              {group.slots.map((slot) => (
                <SlotCard
                  key={slot.id}
                  slot={slot}
                  labels={labels}
                  action={
                    <a
                      className="button primary"
                      href={`/${locale}/booking/slots/${slot.id}`}
                      aria-label={`${t('slot.choose')}: ${group.day}, ${slot.time}, ${slot.kindLabel}`}
                    >
                      {t('slot.choose')}
                    </a>
                  }
                />
              ))}
            </ul>
          </section>
        ))}
        <SlotPages
          later={later ? searchHref({ after: slots.at(-1)!.id }) : null}
          soonest={after ? searchHref({}) : null}
          labels={{ later: t('laterTimes'), soonest: t('soonestTimes') }}
        />
      </section>

      <section aria-labelledby="help-heading">
        <h2 id="help-heading">{t('help.title')}</h2>
        <ul className="checklist">
          <li>{t('help.haveBooking')}</li>
          <li>
            <a href={hrefOf(locale, { topic: 'help', hash: 'offices' })}>{t('help.offices')}</a>
          </li>
          <li>
            <a href={`/${locale}/enroll/office`}>{enroll('haveQr')}</a>
          </li>
          <li>{t.rich('help.call', { phone, call })}</li>
        </ul>
      </section>
    </>
  );
}
