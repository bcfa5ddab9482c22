'use client';
// The verdict, large: valid or why not, what the holder disclosed, how long
// the code stays valid, and where the status came from (live or saved list).
import { useEffect, useState } from 'react';
import { formatDayWithShape, formatWithShape, formatCountdown, type DateShape } from '@/lib/i18n';
import type { Verdict } from '../_lib/local-verify';
import styles from '../verify.module.css';

export type ResultLabels = {
  valid: string;
  invalid: string;
  reasons: Record<string, string>;
  timeLeft: string;
  codeExpired: string;
  checkedLive: string;
  statusAsOf: string;
  statusTooOld: string;
  /** Offline only: how old the saved status list may be, so a card locked meanwhile may still pass. */
  statusTtl: string;
  profiles: Record<'full' | 'identity' | 'age19', string>;
  claims: Record<'name' | 'nationality' | 'residenceStatus' | 'birthDate' | 'registrationNumber' | 'validUntil' | 'age19', string>;
  age19Yes: string;
  age19No: string;
  again: string;
  /**
   * The reader's long date, date-and-time and nationality names, from the server's full ICU: a browser may lack
   * the locale's data, and its first use of Intl would cost a slow phone 0.1-0.2 s just as the answer appears.
   */
  dateShape: DateShape;
  timeShape: DateShape;
  regionNames: Record<string, string>;
};

export function Result({ verdict, locale, labels, onAgain }: { verdict: Verdict; locale: string; labels: ResultLabels; onAgain: () => void }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  const time = { format: (at: number | string | Date) => formatWithShape(labels.timeShape, at) };
  const asDay = (iso: string) => formatDayWithShape(labels.dateShape, `${iso}T12:00:00+09:00`);
  const nationality = (code: string) => labels.regionNames[code] ?? code;
  const claims = verdict.claims;
  const left = claims ? new Date(claims.expiresAt).getTime() - now : 0;

  const rows: { id: string; label: string; value: string }[] = [];
  if (verdict.valid && claims) {
    if (claims.profile === 'age19') {
      rows.push({ id: 'age19', label: labels.claims.age19, value: claims.age19OrOver ? labels.age19Yes : labels.age19No });
    } else {
      rows.push({ id: 'name', label: labels.claims.name, value: claims.name ?? '' });
      rows.push({ id: 'nationality', label: labels.claims.nationality, value: claims.nationality ? nationality(claims.nationality) : '' });
      rows.push({ id: 'residenceStatus', label: labels.claims.residenceStatus, value: claims.residenceStatus ?? '' });
      rows.push({ id: 'birthDate', label: labels.claims.birthDate, value: claims.birthDate ? asDay(claims.birthDate) : '' });
      if (claims.registrationNumber) rows.push({ id: 'registrationNumber', label: labels.claims.registrationNumber, value: claims.registrationNumber });
      rows.push({ id: 'validUntil', label: labels.claims.validUntil, value: claims.validUntil ? asDay(claims.validUntil) : '' });
    }
  }

  const reason = verdict.reason ?? 'malformed';
  let statusLine: string | null = null;
  // "Status checked" only where a status was looked up: a valid card, or one locked or replaced —
  // not a code that is no card code at all, or whose signature or time already failed.
  const statusConsulted = verdict.valid || reason === 'locked' || reason === 'revoked' || reason === 'replaced';
  if (verdict.mode === 'live') statusLine = statusConsulted ? labels.checkedLive : null;
  else if (verdict.statusAsOf && reason === 'status_unavailable') statusLine = labels.statusTooOld.replace('{time}', time.format(verdict.statusAsOf));
  else if (verdict.statusAsOf) statusLine = labels.statusAsOf.replace('{time}', time.format(verdict.statusAsOf));

  return (
    <section
      className={verdict.valid ? styles.valid : styles.invalid}
      aria-live="assertive"
      data-testid="verdict"
      data-valid={verdict.valid}
      data-reason={verdict.valid ? '' : reason}
      data-mode={verdict.mode}
    >
      <p className={styles.verdictHead}>
        <span aria-hidden="true" className={styles.verdictIcon}>
          {verdict.valid ? '✓' : '✗'}
        </span>
        {verdict.valid ? labels.valid : labels.invalid}
      </p>
      {verdict.valid && claims ? (
        <>
          <p className={styles.profileName}>{labels.profiles[claims.profile]}</p>
          <dl className={styles.claims} data-testid="claims">
            {rows.map((row) => (
              <div key={row.id} data-claim={row.id}>
                <dt>{row.label}</dt>
                <dd>{row.id === 'registrationNumber' ? <bdi dir="ltr" translate="no">{row.value}</bdi> : row.value}</dd>
              </div>
            ))}
          </dl>
          <p className={styles.timeLeft} data-testid="time-left">
            {left > 0 ? labels.timeLeft.replace('{time}', formatCountdown(locale, left)) : labels.codeExpired}
          </p>
        </>
      ) : (
        <p className={styles.reason}>{labels.reasons[reason] ?? labels.reasons.malformed}</p>
      )}
      {statusLine ? (
        <p className={styles.statusLine} data-testid="status-line">
          {statusLine}
        </p>
      ) : null}
      {verdict.mode === 'offline' ? (
        <p className={styles.statusLine} data-testid="status-ttl">
          {labels.statusTtl}
        </p>
      ) : null}
      <button type="button" className="button" onClick={onAgain}>
        {labels.again}
      </button>
    </section>
  );
}
