// Officers and admins: partners' requests for a community day. An officer
// schedules one (which publishes a community-day slot residents can book)
// or declines it; an admin sees them and may decline.
import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { messageForCode } from '@/app/_lib/error-message';
import { pageAppContext } from '@/app/_lib/page-context';
import type { Locale } from '@/lib/i18n';
import { listCommunityDayRequests } from '@/lib/outreach';
import { SLOT_CAPACITY, SLOT_MINUTES } from '@/lib/proofing';
import { StaffBar } from '../_components/staff-bar';
import { StaffForbidden } from '../_components/forbidden';
import { guardStaffPage } from '../_lib/guard';
import { declineCommunityDayAction, scheduleCommunityDayAction } from '../partner/actions';
import { EndonymList, ScriptFontSheets } from '../partner/_components/endonym';
import { ErrorSummary } from '../partner/_components/error-summary';
import { pageError, shownDate, shownDay } from '../partner/_lib/display';
import styles from '../partner/partner.module.css';

export async function generateMetadata({ params }: PageProps<'/[locale]/staff/community-days'>): Promise<Metadata> {
  const { locale } = (await params) as { locale: Locale };
  const t = await getTranslations({ locale, namespace: 'partner' });
  return { title: t('requests.title') };
}

export default async function CommunityDayRequestsPage({ params, searchParams }: PageProps<'/[locale]/staff/community-days'>) {
  const { locale } = (await params) as { locale: Locale };
  setRequestLocale(locale);
  const gate = await guardStaffPage(locale, ['officer', 'admin'], `/${locale}/staff/community-days`);
  if (!gate.ok) return <StaffForbidden locale={locale} role={gate.role} />;
  const query = (await searchParams) as { error?: string; scheduled?: string; declined?: string };
  const t = await getTranslations({ locale, namespace: 'partner' });
  const app = await pageAppContext();
  const requests = await listCommunityDayRequests(app.db, app.keys, { staffId: gate.staff.staffId });
  const error = pageError(query.error);
  const officer = gate.staff.role === 'officer';

  return (
    <>
      <ScriptFontSheets pageLocale={locale} />
      <StaffBar locale={locale} staff={gate.staff} />
      <h1>{t('requests.title')}</h1>
      <p className="lead">{t(officer ? 'requests.introOfficer' : 'requests.introAdmin')}</p>
      {error ? <ErrorSummary title={t('errorTitle')} message={await messageForCode(locale, error)} /> : null}
      {query.scheduled ? (
        <p className={styles.notice} role="status">
          {t('requests.scheduled')}
        </p>
      ) : null}
      {query.declined ? (
        <p className={styles.notice} role="status">
          {t('requests.declined')}
        </p>
      ) : null}
      {requests.length === 0 ? <p>{t('requests.none')}</p> : null}
      <ul className={styles.list}>
        {requests.map((r) => (
          <li key={r.id} className={styles.card} data-testid="community-day-request">
            <h2 className={styles.cardTitle} translate="no">{r.partnerName}</h2>
            <dl className={styles.facts}>
              <dt>{t('communityDays.venue')}</dt>
              <dd translate="no">
                {r.venue}, {r.address}
              </dd>
              <dt>{t('communityDays.dates')}</dt>
              <dd>{r.preferredDates.map((d) => shownDay(locale, d)).join(' · ')}</dd>
              <dt>{t('communityDays.languages')}</dt>
              <dd>
                <EndonymList locales={r.languages} />
              </dd>
              <dt>{t('communityDays.people')}</dt>
              <dd>{new Intl.NumberFormat(locale).format(r.expectedPeople)}</dd>
              {r.note ? (
                <>
                  <dt>{t('communityDays.note')}</dt>
                  <dd>{r.note}</dd>
                </>
              ) : null}
              <dt>{t('requests.received')}</dt>
              <dd>{shownDate(locale, r.createdAt)}</dd>
              <dt>{t('requests.statusLabel')}</dt>
              <dd>{t(`communityDays.status.${r.status}`)}</dd>
            </dl>
            {r.status === 'requested' && officer ? (
              <form action={scheduleCommunityDayAction} className="panel">
                <input type="hidden" name="locale" value={locale} />
                <input type="hidden" name="requestId" value={r.id} />
                <fieldset className={styles.languages}>
                  <legend>{t('requests.scheduleHeading')}</legend>
                  <div className={styles.dates}>
                    <div className={styles.field}>
                      <label htmlFor={`day-${r.id}`}>{t('requests.day')}</label>
                      <select id={`day-${r.id}`} name="day" defaultValue={r.preferredDates[0]}>
                        {r.preferredDates.map((d) => (
                          <option key={d} value={d}>
                            {shownDay(locale, d)}
                          </option>
                        ))}
                      </select>
                    </div>
                    <div className={styles.field}>
                      <label htmlFor={`time-${r.id}`}>{t('requests.time')}</label>
                      <input type="time" id={`time-${r.id}`} name="time" defaultValue="10:00" required />
                    </div>
                    <div className={styles.field}>
                      <label htmlFor={`minutes-${r.id}`}>{t('requests.minutes')}</label>
                      <input type="number" inputMode="numeric" id={`minutes-${r.id}`} name="minutes" defaultValue={240} min={SLOT_MINUTES.min} max={SLOT_MINUTES.max} required />
                    </div>
                    <div className={styles.field}>
                      <label htmlFor={`capacity-${r.id}`}>{t('requests.capacity')}</label>
                      <input
                        type="number"
                        inputMode="numeric"
                        id={`capacity-${r.id}`}
                        name="capacity"
                        defaultValue={Math.min(SLOT_CAPACITY.max, Math.max(SLOT_CAPACITY.min, r.expectedPeople))}
                        min={SLOT_CAPACITY.min}
                        max={SLOT_CAPACITY.max}
                        required
                      />
                    </div>
                  </div>
                </fieldset>
                <button type="submit" className="button primary">
                  {t('requests.schedule')}
                </button>
              </form>
            ) : null}
            {r.status === 'requested' ? (
              <form action={declineCommunityDayAction} className={styles.inline}>
                <input type="hidden" name="locale" value={locale} />
                <input type="hidden" name="requestId" value={r.id} />
                <button type="submit" className="button">
                  {t('requests.decline')}
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}
