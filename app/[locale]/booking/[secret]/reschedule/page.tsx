// Moving a booking: the time held now, the free times (in the reader's
// language and the booking's kind unless they choose others), and one form
// that moves it. If the time chosen was taken meanwhile, the page comes
// back saying so, with the list as it is now.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { pageAppContext } from '@/app/_lib/page-context';
import { isLocale, locales, type Locale } from '@/lib/i18n';
import { SLOT_KINDS, findBookingBySecret, findSlotPage, isSlotId, isSlotKind } from '@/lib/proofing';
import { rescheduleAction } from '../../actions';
import { SlotDetails } from '../../_components/slot-card';
import { SlotPages } from '../../_components/slot-pages';
import { byDay, languageName, slotText, slotTexts } from '../../_lib/display';
import { pageError } from '../../_lib/page-error';
import styles from '../../booking.module.css';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: PageProps<'/[locale]/booking/[secret]/reschedule'>): Promise<Metadata> {
  const locale = (await params).locale as Locale;
  const t = await getTranslations({ locale, namespace: 'booking.reschedule' });
  return { title: t('title'), robots: { index: false, follow: false }, referrer: 'same-origin' };
}

const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined);

export default async function ReschedulePage({ params, searchParams }: PageProps<'/[locale]/booking/[secret]/reschedule'>) {
  const { locale: raw, secret } = await params;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const query = await searchParams;
  const { db, clock } = await pageAppContext();
  const found = await findBookingBySecret(db, secret);
  if (!found) notFound();
  const { booking, slot } = found;
  const t = await getTranslations({ locale, namespace: 'booking' });
  const error = await pageError(locale, query);
  const labels = { languages: t('slot.languages'), interpreter: t('slot.interpreter'), koreaTime: t('koreaTime') };
  const here = `/${locale}/booking/${secret}`;

  if (booking.status !== 'booked' || slot.startsAt <= clock.now()) {
    return (
      <>
        <h1>{t('reschedule.title')}</h1>
        <p role="status">{t('reschedule.notNow')}</p>
        <p>
          <a href={here}>{t('reschedule.back')}</a>
        </p>
      </>
    );
  }

  const language: Locale = isLocale(one(query.lang)) ? (one(query.lang) as Locale) : locale;
  const kindParam = one(query.kind);
  const kind = kindParam === '' ? null : isSlotKind(kindParam) ? kindParam : slot.kind;
  // A page after the first: the last slot of the page before (as the search's pages).
  const after = isSlotId(one(query.after)) ? one(query.after)! : '';
  const { slots: free, later } = await findSlotPage(db, clock, { language, kind, except: slot.id, after: after || null });
  /** These choices' address, on another page of them. */
  const pageHref = (page: { after?: string }) => {
    const params = new URLSearchParams({ lang: language, kind: kind ?? '' });
    if (page.after) params.set('after', page.after);
    return `${here}/reschedule?${params}#choose-heading`;
  };
  const groups = byDay(await slotTexts(locale, free));

  return (
    <>
      <h1>{t('reschedule.title')}</h1>
      {error ? (
        <div className={`${styles.notice} ${styles.bad}`} role="alert" data-testid="page-error" data-code={error.code}>
          <p>{error.message}</p>
        </div>
      ) : null}
      <section aria-labelledby="current-heading" className={styles.slot}>
        <h2 id="current-heading" className={styles.day}>
          {t('reschedule.current')}
        </h2>
        <SlotDetails slot={await slotText(locale, slot)} labels={labels} showDay />
      </section>
      <p className="lead">{t('reschedule.intro')}</p>

      <form method="get" action={`${here}/reschedule`} className={`panel ${styles.filters}`}>
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
        <button type="submit" className="button">
          {t('filters.submit')}
        </button>
      </form>

      {groups.length === 0 ? (
        <p role="status" data-testid="no-slots">
          {t('reschedule.none')}
        </p>
      ) : (
        <form action={rescheduleAction} className={styles.form} data-testid="reschedule-form">
          <input type="hidden" name="locale" value={locale} />
          <input type="hidden" name="secret" value={secret} />
          <fieldset className={styles.filters}>
            <legend id="choose-heading">{t('reschedule.pick')}</legend>
            {groups.map((group) => (
              <section key={group.dayKey} aria-labelledby={`day-${group.dayKey}`}>
                <h3 id={`day-${group.dayKey}`} className={styles.day}>
                  {group.day}
                </h3>
                <ul className={styles.slots}>
                  {group.slots.map((s) => (
                    <li key={s.id} className={styles.slot} data-testid="slot" data-slot-id={s.id}>
                      <label className={styles.pick}>
                        <input type="radio" name="slotId" value={s.id} required />
                        <span>
                          <SlotDetails slot={s} labels={labels} brief />
                        </span>
                      </label>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </fieldset>
          <SlotPages
            later={later ? pageHref({ after: free.at(-1)!.id }) : null}
            soonest={after ? pageHref({}) : null}
            labels={{ later: t('laterTimes'), soonest: t('soonestTimes') }}
          />
          <button type="submit" className="button primary">
            {t('reschedule.submit')}
          </button>
        </form>
      )}
      <ul className={styles.inlineLinks}>
        <li>
          <a href={here}>{t('reschedule.keep')}</a>
        </li>
      </ul>
    </>
  );
}
