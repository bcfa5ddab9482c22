'use client';
// The open card: choose what to show, then a QR code that renews itself
// before it expires, next to a live clock and a moving mark, so that a
// screenshot is visibly stale. The QR code (SVG) is made on the server.
import { useCallback, useEffect, useRef, useState } from 'react';
import styles from '../card.module.css';

type Profile = 'full' | 'identity' | 'age19';

type Labels = {
  chooseHeading: string;
  profiles: Record<Profile, { title: string; help: string }>;
  qrHeading: string;
  qrAlt: string;
  validFor: string;
  refreshing: string;
  newCode: string;
  brightness: string;
  live: string;
  clock: string;
  sees: string;
  failed: string;
  lockNow: string;
  openUntil: string;
  openUntilTime: string;
};

type ClaimLabels = Record<'name' | 'nationality' | 'residenceStatus' | 'birthDate' | 'registrationNumber' | 'validUntil' | 'age19', string>;

/** expiresAt is on this phone's clock: the server's lifetime counted from when the token arrived (the phone's clock may be off). */
type Token = { token: string; svg: string; expiresAt: number; profile: Profile };

/** A new code this long before the old one expires. */
const RENEW_BEFORE_MS = 20_000;

const SHOWN: Record<Profile, (keyof ClaimLabels)[]> = {
  full: ['name', 'nationality', 'residenceStatus', 'birthDate', 'registrationNumber', 'validUntil'],
  identity: ['name', 'nationality', 'residenceStatus', 'birthDate', 'validUntil'],
  age19: ['age19'],
};

function mmss(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function Presenter({
  locale,
  openUntil,
  labels,
  claimLabels,
  unlockErrors,
  cardClosedCodes,
}: {
  locale: string;
  openUntil: string;
  labels: Labels;
  claimLabels: ClaimLabels;
  unlockErrors: Record<string, string>;
  /** Error codes meaning the card is no longer open here (timed out, locked, moved, revoked): from the server page, typed there. */
  cardClosedCodes: readonly string[];
}) {
  const [profile, setProfile] = useState<Profile>('identity');
  const [token, setToken] = useState<Token | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const inFlight = useRef(false);
  const closesAt = new Date(openUntil).getTime();

  const clock = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'Asia/Seoul' });

  const fetchToken = useCallback(
    async (wanted: Profile) => {
      if (inFlight.current) return;
      inFlight.current = true;
      setBusy(true);
      try {
        const response = await fetch('/api/presentations/tokens', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ profile: wanted, locale }),
          credentials: 'same-origin',
        });
        const data = (await response.json().catch(() => ({}))) as Record<string, unknown> & { error?: { code?: string } };
        if (!response.ok) {
          const code = data.error?.code ?? '';
          // The card closed (timed out, or locked from another device): show why, then the unlock.
          if (cardClosedCodes.includes(code)) {
            window.location.reload();
            return;
          }
          setError(unlockErrors[code] ?? labels.failed);
          return;
        }
        setError(null);
        const lifetime = new Date(String(data.expiresAt)).getTime() - new Date(String(data.issuedAt)).getTime();
        setToken({
          token: String(data.token),
          svg: String(data.svg),
          expiresAt: Date.now() + lifetime,
          profile: wanted,
        });
      } catch {
        setError(labels.failed);
      } finally {
        inFlight.current = false;
        setBusy(false);
      }
    },
    [locale, labels.failed, unlockErrors, cardClosedCodes],
  );

  useEffect(() => {
    void fetchToken(profile);
  }, [profile, fetchToken]);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  // Renew before expiry; close when the unlock ends.
  useEffect(() => {
    if (now >= closesAt) {
      window.location.reload();
      return;
    }
    if (token && token.expiresAt - now <= RENEW_BEFORE_MS && !inFlight.current) void fetchToken(profile);
  }, [now, token, profile, closesAt, fetchToken]);

  // Keep the screen on while the code is shown, where the browser allows it.
  useEffect(() => {
    let lock: { release(): Promise<void> } | null = null;
    const nav = navigator as Navigator & { wakeLock?: { request(type: 'screen'): Promise<{ release(): Promise<void> }> } };
    nav.wakeLock
      ?.request('screen')
      .then((l) => (lock = l))
      .catch(() => {});
    return () => void lock?.release().catch(() => {});
  }, []);

  async function lockNow() {
    await fetch('/api/presentations/unlock', { method: 'DELETE', credentials: 'same-origin' }).catch(() => {});
    window.location.reload();
  }

  const remaining = token ? token.expiresAt - now : 0;
  const current = token && token.profile === profile && remaining > 0 ? token : null;

  return (
    <div className={styles.presenter}>
      <fieldset className={styles.profiles}>
        <legend>{labels.chooseHeading}</legend>
        {(['full', 'identity', 'age19'] as const).map((p) => (
          <label key={p} className={styles.profile} data-selected={p === profile}>
            <input type="radio" name="profile" value={p} checked={p === profile} onChange={() => setProfile(p)} />
            <span>
              <strong>{labels.profiles[p].title}</strong>
              <span className={styles.help}>{labels.profiles[p].help}</span>
            </span>
          </label>
        ))}
      </fieldset>

      <section className={styles.qrPanel} aria-labelledby="qr-heading">
        <h2 id="qr-heading">{labels.qrHeading}</h2>
        <div className={styles.liveRow}>
          <span className={styles.mark} aria-hidden="true">
            <svg viewBox="0 0 40 40" width="40" height="40">
              <circle cx="20" cy="20" r="17" fill="none" stroke="#0b4f8a" strokeWidth="3" strokeDasharray="10 6" />
              <circle cx="20" cy="9" r="4" fill="#c8102e" />
              <circle cx="20" cy="31" r="4" fill="#0b4f8a" />
            </svg>
          </span>
          <span className={styles.clock} aria-label={labels.clock} data-testid="live-clock" suppressHydrationWarning>
            {clock.format(now)}
          </span>
        </div>
        <div
          className={styles.qr}
          role="img"
          aria-label={labels.qrAlt}
          data-testid="card-qr"
          data-token={current?.token ?? ''}
          data-profile={current?.profile ?? ''}
          // The SVG comes from our own server (qrcode package), not from user input.
          dangerouslySetInnerHTML={current ? { __html: current.svg } : undefined}
        />
        <div className={styles.sweep} aria-hidden="true" />
        <p className={styles.countdown} aria-live="off" data-testid="countdown">
          {current ? labels.validFor.replace('{time}', mmss(remaining)) : busy ? labels.refreshing : ''}
        </p>
        <progress className={styles.progress} max={180} value={current ? Math.max(0, Math.round(remaining / 1000)) : 0} />
        {error ? (
          <p className={styles.error} role="alert">
            {error}
          </p>
        ) : null}
        <p className={styles.hint}>☀ {labels.brightness}</p>
        <p className="note">{labels.live}</p>
        <button type="button" className="button" onClick={() => void fetchToken(profile)} disabled={busy}>
          {labels.newCode}
        </button>
      </section>

      <section className="panel" aria-labelledby="sees-heading">
        <h2 id="sees-heading" className={styles.small}>
          {labels.sees}
        </h2>
        <ul className="checklist" data-testid="disclosed">
          {SHOWN[profile].map((claim) => (
            <li key={claim}>{claimLabels[claim]}</li>
          ))}
        </ul>
      </section>

      <p className="note">{labels.openUntil.replace('{time}', labels.openUntilTime)}</p>
      <button type="button" className="button" onClick={lockNow} data-testid="lock-card">
        {labels.lockNow}
      </button>
    </div>
  );
}
