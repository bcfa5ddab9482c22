'use client';
// The officer's desk, in three steps on one page: look the resident up,
// confirm the checks, show the QR. The work is done by server actions; this
// component only shows their results (strings arrive translated). The issue
// form sends the registration number back: the action looks the resident up
// again with it and issues for whom that finds.
import { useActionState } from 'react';
import { officerDeskAction, type OfficerState } from '../actions';
import styles from '../staff.module.css';

type Labels = {
  registrationNumber: string;
  registrationHint: string;
  find: string;
  finding: string;
  checkHeading: string;
  photoMatches: string;
  cardGenuine: string;
  showQr: string;
  showing: string;
  qrHeading: string;
  qrAlt: string;
  qrInstructions: string;
  shortCodeLabel: string;
  singleUse: string;
  another: string;
  eligibility: string;
  /** The resident has a mobile card on a phone now: what issuing does to it, and the tick that says the resident knows. */
  activeCardWarning?: string;
  moveCard?: string;
  /** A booked visit (from the officer's slots page). */
  visitTitle?: string;
  visitIntro?: string;
  visitLookup?: string;
  visitReference?: string;
};

export function OfficerDesk({ locale, labels, visit }: { locale: string; labels: Labels; visit?: { bookingId: string } }) {
  const [state, act, pending] = useActionState<OfficerState, FormData>(officerDeskAction, {});
  const resident = state.resident;
  const bookingId = state.visit?.bookingId ?? (resident ? undefined : visit?.bookingId);

  if (state.grant && resident) {
    return (
      <section aria-labelledby="qr-heading" className="panel">
        <h2 id="qr-heading" tabIndex={-1} ref={(el) => el?.focus()}>
          {labels.qrHeading}
        </h2>
        <p>
          <strong translate="no">{resident.name}</strong>
        </p>
        <div
          className={styles.qr}
          role="img"
          aria-label={labels.qrAlt}
          data-enroll-url={state.grant.url}
          dangerouslySetInnerHTML={{ __html: state.grant.qrSvg }}
        />
        <p className={styles.center}>{labels.qrInstructions}</p>
        <p className={styles.center}>{labels.shortCodeLabel}</p>
        <p className={styles.shortCode} data-testid="short-code">
          {state.grant.shortCode}
        </p>
        <p className={`${styles.center} ${styles.ok}`} data-testid="valid-until">
          {state.grant.validUntil}
        </p>
        <p className={`${styles.center} note`}>{labels.singleUse}</p>
        <p className={styles.center}>
          <a href={`/${locale}/staff/officer`}>{labels.another}</a>
        </p>
      </section>
    );
  }

  return (
    <>
      {visit && !resident ? (
        <form action={act} className="panel" aria-labelledby="visit-heading" data-testid="visit-form">
          <h2 id="visit-heading">{labels.visitTitle}</h2>
          <p>{labels.visitIntro}</p>
          <input type="hidden" name="locale" value={locale} />
          <input type="hidden" name="intent" value="visit" />
          <input type="hidden" name="bookingId" value={visit.bookingId} />
          <button type="submit" className="button primary" disabled={pending}>
            {pending ? labels.finding : labels.visitLookup}
          </button>
          <p role="alert" className={styles.error}>
            {state.errorFrom === 'visit' ? state.error : ''}
          </p>
        </form>
      ) : null}
      <form action={act} className="panel" aria-describedby="find-status">
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="intent" value="find" />
        <div className={styles.field}>
          <label htmlFor="registrationNumber">{labels.registrationNumber}</label>
          <input
            id="registrationNumber"
            name="registrationNumber"
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            required
            maxLength={20}
            defaultValue={state.registrationNumber ?? ''}
            aria-describedby="registration-hint"
            dir="ltr"
          />
          <span id="registration-hint" className="note">
            {labels.registrationHint}
          </span>
        </div>
        <button type="submit" className="button primary" disabled={pending}>
          {pending ? labels.finding : labels.find}
        </button>
        <p id="find-status" role="alert" className={styles.error}>
          {!resident && state.error && state.errorFrom !== 'visit' ? state.error : ''}
        </p>
      </form>

      {resident ? (
        <section aria-labelledby="resident-heading">
          <h2 id="resident-heading" translate="no">{resident.name}</h2>
          {state.visit?.reference && labels.visitReference ? (
            <p className={styles.ok} data-testid="visit-reference">
              {labels.visitReference.replace('{reference}', state.visit.reference)}
            </p>
          ) : null}
          <dl className={styles.facts}>
            {resident.facts.map((f) => (
              <div key={f.label} style={{ display: 'contents' }}>
                <dt>{f.label}</dt>
                <dd>{f.value}</dd>
              </div>
            ))}
            <div style={{ display: 'contents' }}>
              <dt>{labels.eligibility}</dt>
              <dd className={resident.eligible ? styles.ok : styles.error}>{resident.eligibility}</dd>
            </div>
          </dl>
          {resident.eligible ? (
            <form action={act} className="panel" aria-labelledby="check-heading">
              <h3 id="check-heading">{labels.checkHeading}</h3>
              <input type="hidden" name="locale" value={locale} />
              <input type="hidden" name="intent" value="issue" />
              <input type="hidden" name="registrationNumber" value={state.registrationNumber ?? ''} />
              <input type="hidden" name="residentId" value={resident.residentId} />
              {bookingId ? <input type="hidden" name="bookingId" value={bookingId} /> : null}
              <label className={styles.check}>
                <input type="checkbox" name="photoMatches" required />
                <span>{labels.photoMatches}</span>
              </label>
              <label className={styles.check}>
                <input type="checkbox" name="cardGenuine" required />
                <span>{labels.cardGenuine}</span>
              </label>
              {resident.hasActiveCard ? (
                <>
                  <p className={styles.error} role="note" data-testid="active-card-warning">
                    {labels.activeCardWarning}
                  </p>
                  <label className={styles.check}>
                    <input type="checkbox" name="moveCard" required data-testid="move-card" />
                    <span>{labels.moveCard}</span>
                  </label>
                </>
              ) : null}
              <button type="submit" className="button primary" disabled={pending}>
                {pending ? labels.showing : labels.showQr}
              </button>
              <p role="alert" className={styles.error}>
                {state.error ?? ''}
              </p>
            </form>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
