// A partner asks for a community day at its venue (the booking engine's
// community slot kind), and sees its own requests and what became of them.
import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { messageForCode } from '@/app/_lib/error-message';
import { pageAppContext } from '@/app/_lib/page-context';
import { seoulDay } from '@/lib/clock';
import type { Locale } from '@/lib/i18n';
import { COMMUNITY_DAY_LIMITS, listOwnCommunityDayRequests, outreachErrors } from '@/lib/outreach';
import { StaffBar } from '../../_components/staff-bar';
import { StaffForbidden } from '../../_components/forbidden';
import { guardStaffPage } from '../../_lib/guard';
import { requestCommunityDayAction } from '../actions';
import { EndonymList, ScriptFontSheets } from '../_components/endonym';
import { ErrorSummary } from '../_components/error-summary';
import { LanguageBoxes } from '../_components/language-boxes';
import { pageError, shownDay, type OutreachPageError } from '../_lib/display';
import styles from '../partner.module.css';

function fieldOf(code: OutreachPageError): string {
  if (code === outreachErrors.code('address_invalid')) return 'cd-address';
  if (code === outreachErrors.code('dates_invalid')) return 'cd-date1';
  if (code === outreachErrors.code('languages_required')) return 'cd-lang-first';
  if (code === outreachErrors.code('people_invalid')) return 'cd-people';
  if (code === outreachErrors.code('note_too_long')) return 'cd-note';
  return 'cd-venue';
}

export async function generateMetadata({ params }: PageProps<'/[locale]/staff/partner/community-days'>): Promise<Metadata> {
  const { locale } = (await params) as { locale: Locale };
  const t = await getTranslations({ locale, namespace: 'partner' });
  return { title: t('communityDays.title') };
}

export default async function CommunityDayRequestPage({ params, searchParams }: PageProps<'/[locale]/staff/partner/community-days'>) {
  const { locale } = (await params) as { locale: Locale };
  setRequestLocale(locale);
  const gate = await guardStaffPage(locale, ['partner'], `/${locale}/staff/partner/community-days`);
  if (!gate.ok) return <StaffForbidden locale={locale} role={gate.role} />;
  const query = (await searchParams) as { error?: string; sent?: string };
  const t = await getTranslations({ locale, namespace: 'partner' });
  const app = await pageAppContext();
  let requests;
  try {
    requests = await listOwnCommunityDayRequests(app.db, app.keys, { staffId: gate.staff.staffId });
  } catch (thrown) {
    if (!outreachErrors.is(thrown, 'no_partner')) throw thrown;
    return (
      <>
        <StaffBar locale={locale} staff={gate.staff} />
        <h1>{t('communityDays.title')}</h1>
        <p className="panel">{t('noPartner')}</p>
      </>
    );
  }
  const error = pageError(query.error);
  const now = app.clock.now();
  const first = seoulDay(new Date(now.getTime() + 86_400_000));
  const last = seoulDay(new Date(now.getTime() + COMMUNITY_DAY_LIMITS.daysAhead * 86_400_000));
  const count = (n: number) => new Intl.NumberFormat(locale).format(n);

  return (
    <>
      <ScriptFontSheets pageLocale={locale} />
      <StaffBar locale={locale} staff={gate.staff} />
      <a className={styles.back} href={`/${locale}/staff/partner`}>
        {t('campaign.back')}
      </a>
      <h1>{t('communityDays.title')}</h1>
      <p className="lead">{t('communityDays.intro')}</p>
      {query.sent ? (
        <p className={styles.notice} role="status">
          {t('communityDays.sent')}
        </p>
      ) : null}

      <section aria-labelledby="cd-form-heading">
        <h2 id="cd-form-heading">{t('communityDays.formHeading')}</h2>
        {error ? <ErrorSummary title={t('errorTitle')} message={await messageForCode(locale, error)} field={fieldOf(error)} /> : null}
        <form action={requestCommunityDayAction} className="panel">
          <input type="hidden" name="locale" value={locale} />
          <div className={styles.field}>
            <label htmlFor="cd-venue">{t('communityDays.venue')}</label>
            <span id="cd-venue-hint" className="note">
              {t('communityDays.venueHint')}
            </span>
            <input id="cd-venue" name="venue" required minLength={2} maxLength={COMMUNITY_DAY_LIMITS.venue} aria-describedby="cd-venue-hint" />
          </div>
          <div className={styles.field}>
            <label htmlFor="cd-address">{t('communityDays.address')}</label>
            <input id="cd-address" name="address" required minLength={2} maxLength={COMMUNITY_DAY_LIMITS.address} autoComplete="street-address" />
          </div>
          <fieldset className={styles.languages}>
            <legend>{t('communityDays.dates')}</legend>
            <p id="cd-dates-hint" className="note">
              {t('communityDays.datesHint')}
            </p>
            <div className={styles.dates}>
              {[1, 2, 3].map((n) => (
                <div className={styles.field} key={n}>
                  <label htmlFor={`cd-date${n}`}>{t('communityDays.dateN', { n: count(n) })}</label>
                  <input
                    type="date"
                    id={`cd-date${n}`}
                    name={`date${n}`}
                    min={first}
                    max={last}
                    required={n === 1}
                    aria-describedby="cd-dates-hint"
                  />
                </div>
              ))}
            </div>
          </fieldset>
          <LanguageBoxes idPrefix="cd-lang" legend={t('communityDays.languages')} invalid={error === outreachErrors.code('languages_required')} />
          <div className={styles.field}>
            <label htmlFor="cd-people">{t('communityDays.people')}</label>
            <input
              type="number"
              inputMode="numeric"
              id="cd-people"
              name="expectedPeople"
              required
              min={COMMUNITY_DAY_LIMITS.people.min}
              max={COMMUNITY_DAY_LIMITS.people.max}
              defaultValue={40}
            />
          </div>
          <div className={styles.field}>
            <label htmlFor="cd-note">{t('communityDays.note')}</label>
            <span id="cd-note-hint" className="note">
              {t('communityDays.noteHint')}
            </span>
            <textarea id="cd-note" name="note" rows={3} maxLength={COMMUNITY_DAY_LIMITS.note} aria-describedby="cd-note-hint" />
          </div>
          <button type="submit" className="button primary">
            {t('communityDays.submit')}
          </button>
        </form>
      </section>

      <section aria-labelledby="cd-list-heading">
        <h2 id="cd-list-heading">{t('communityDays.listHeading')}</h2>
        {requests.length === 0 ? (
          <p>{t('communityDays.none')}</p>
        ) : (
          <ul className={styles.list}>
            {requests.map((r) => (
              <li key={r.id} className={styles.card} data-testid="community-day-request">
                <h3 translate="no">{r.venue}</h3>
                <p className={styles.meta}>{r.address}</p>
                <p>
                  {r.preferredDates.map((d) => shownDay(locale, d)).join(' · ')} · <EndonymList locales={r.languages} /> ·{' '}
                  {t('communityDays.peopleCount', { count: r.expectedPeople })}
                </p>
                <p className={styles.status}>{t(`communityDays.status.${r.status}`)}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
