'use client';
// The officer's loss report on one page: find the resident, see whether a
// mobile card is active, tick the two checks, lock; then the reference.
// The work is done by the server action; strings arrive translated.
import { useActionState } from 'react';
import { officerLossAction } from './actions';
import type { OfficerLossState } from './state';
import styles from '../staff.module.css';

export type OfficerLossLabels = {
  registrationNumber: string;
  registrationHint: string;
  find: string;
  finding: string;
  birthDate: string;
  nationality: string;
  cardSerial: string;
  mobileCard: string;
  active: string;
  none: string;
  lockedBefore: string;
  lastReport: string;
  checkHeading: string;
  checkWho: string;
  checkAsked: string;
  lock: string;
  locking: string;
  nothingToLock: string;
  doneTitle: string;
  doneBody: string;
  reference: string;
  referenceNote: string;
  tell: string;
  another: string;
};

export function OfficerLoss({ locale, labels }: { locale: string; labels: OfficerLossLabels }) {
  const [state, act, pending] = useActionState<OfficerLossState, FormData>(officerLossAction, {});
  const resident = state.resident;

  if (state.locked && resident) {
    return (
      <section aria-labelledby="locked-heading" className="panel" data-testid="officer-loss-done">
        <h2 id="locked-heading" tabIndex={-1} ref={(el) => el?.focus()}>
          {labels.doneTitle}
        </h2>
        <p>
          <strong translate="no">{resident.name}</strong>
        </p>
        <p className={styles.ok}>{state.locked.lockedCount > 0 ? labels.doneBody : labels.nothingToLock}</p>
        <p className={styles.center}>{labels.reference}</p>
        <p className={styles.shortCode}>
          <bdi dir="ltr" data-testid="officer-loss-reference">
            {state.locked.reference}
          </bdi>
        </p>
        <p className={`${styles.center} note`}>{labels.referenceNote}</p>
        <p>{labels.tell}</p>
        <p className={styles.center}>
          <a href={`/${locale}/staff/loss`}>{labels.another}</a>
        </p>
      </section>
    );
  }

  return (
    <>
      <form action={act} className="panel">
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
        <p role="alert" className={styles.error}>
          {!resident && state.error ? state.error : ''}
        </p>
      </form>

      {resident ? (
        <section aria-labelledby="resident-heading" data-testid="officer-loss-resident">
          <h2 id="resident-heading" translate="no">{resident.name}</h2>
          <dl className={styles.facts}>
            <div style={{ display: 'contents' }}>
              <dt>{labels.registrationNumber}</dt>
              <dd>
                <bdi dir="ltr">{resident.registrationNumber}</bdi>
              </dd>
            </div>
            <div style={{ display: 'contents' }}>
              <dt>{labels.birthDate}</dt>
              <dd>{resident.birthDate}</dd>
            </div>
            <div style={{ display: 'contents' }}>
              <dt>{labels.nationality}</dt>
              <dd>{resident.nationality}</dd>
            </div>
            {resident.cardSerial ? (
              <div style={{ display: 'contents' }}>
                <dt>{labels.cardSerial}</dt>
                <dd>
                  <bdi dir="ltr">{resident.cardSerial}</bdi>
                </dd>
              </div>
            ) : null}
            <div style={{ display: 'contents' }}>
              <dt>{labels.mobileCard}</dt>
              <dd className={resident.active > 0 ? styles.ok : undefined} data-testid="officer-loss-active" data-active={resident.active}>
                {resident.active > 0 ? labels.active : labels.none}
                {resident.locked > 0 ? (
                  <>
                    <br />
                    <span className="note">{labels.lockedBefore.replace('{count}', new Intl.NumberFormat(locale).format(resident.locked))}</span>
                  </>
                ) : null}
              </dd>
            </div>
            {resident.lastReport ? (
              <div style={{ display: 'contents' }}>
                <dt>{labels.lastReport}</dt>
                <dd>
                  <bdi dir="ltr">{resident.lastReport.reference}</bdi> · {resident.lastReport.at}
                </dd>
              </div>
            ) : null}
          </dl>
          {resident.active > 0 ? (
            <form action={act} className="panel" aria-labelledby="check-heading">
              <h3 id="check-heading">{labels.checkHeading}</h3>
              <input type="hidden" name="locale" value={locale} />
              <input type="hidden" name="intent" value="lock" />
              <input type="hidden" name="registrationNumber" value={state.registrationNumber ?? ''} />
              <input type="hidden" name="residentId" value={resident.residentId} />
              <label className={styles.check}>
                <input type="checkbox" name="checkedWho" required />
                <span>{labels.checkWho}</span>
              </label>
              <label className={styles.check}>
                <input type="checkbox" name="checkedAsked" required />
                <span>{labels.checkAsked}</span>
              </label>
              <button type="submit" className="button primary" disabled={pending} data-testid="officer-lock">
                {pending ? labels.locking : labels.lock}
              </button>
              <p role="alert" className={styles.error}>
                {state.error ?? ''}
              </p>
            </form>
          ) : (
            <p className="panel" data-testid="officer-loss-nothing">
              {labels.nothingToLock}
            </p>
          )}
        </section>
      ) : null}
    </>
  );
}
