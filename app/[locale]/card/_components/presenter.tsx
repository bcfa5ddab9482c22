'use client';
// The open card: choose what to show, then a QR code that renews itself
// before it expires, next to a live clock and a moving mark, so that a
// screenshot is visibly stale. The QR code (SVG) is made on the server.
// The choice, the QR, the clock and the countdown come first, so that they
// fit on a phone's screen without scrolling. While the screen is visible it
// asks the server every few seconds what became of the card: a card moved,
// locked or cancelled elsewhere leaves the screen at once, and the screen
// says what happened and what to do.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { noteShown } from '@/components/card-history';
import { formatWithShape, formatCountdown, type DateShape } from '@/lib/i18n';
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
  /** The live clock's format (hours, minutes, seconds in Korea), from the server's ICU: no Intl in the browser. */
  clockShape: DateShape;
};

type ClaimLabels = Record<'name' | 'nationality' | 'residenceStatus' | 'birthDate' | 'registrationNumber' | 'validUntil' | 'age19', string>;

/** expiresAt is on this phone's clock: the server's lifetime counted from when the token arrived (the phone's clock may be off). */
type Token = { token: string; svg: string; expiresAt: number; profile: Profile };

/** A new code this long before the old one expires. */
const RENEW_BEFORE_MS = 20_000;

/** How often a visible card screen asks what became of the card. */
export const STATUS_POLL_MS = 3_000;

/** What can close the card while it is on screen. */
export type ClosedWhy = 'locked' | 'moved' | 'revoked';

const SHOWN: Record<Profile, (keyof ClaimLabels)[]> = {
  full: ['name', 'nationality', 'residenceStatus', 'birthDate', 'registrationNumber', 'validUntil'],
  identity: ['name', 'nationality', 'residenceStatus', 'birthDate', 'validUntil'],
  age19: ['age19'],
};

export function Presenter({
  locale,
  openUntil,
  labels,
  claimLabels,
  unlockErrors,
  cardClosedCodes,
  closedCodes,
  notices,
  children,
}: {
  locale: string;
  openUntil: string;
  labels: Labels;
  claimLabels: ClaimLabels;
  unlockErrors: Record<string, string>;
  /** Error codes meaning the card is no longer open here (timed out, locked, moved, revoked): from the server page, typed there. */
  cardClosedCodes: readonly string[];
  /** The token endpoint's code for each way the card can close (typed on the server page). */
  closedCodes: Record<ClosedWhy, string>;
  /** What the screen says instead of the card, for each (rendered on the server). */
  notices: Record<ClosedWhy, ReactNode>;
  /** The rest of the open card (its face, the reminder, the history), below the code. */
  children?: ReactNode;
}) {
  const [closed, setClosed] = useState<ClosedWhy | null>(null);
  const [profile, setProfile] = useState<Profile>('identity');
  const [token, setToken] = useState<Token | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const inFlight = useRef(false);
  const closesAt = new Date(openUntil).getTime();

  // As the server writes the time, in the locale's digits, even where the browser lacks its data ("०६:२३:१९" in Nepali).
  const clock = { format: (at: number) => formatWithShape(labels.clockShape, at) };

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
          const why = (Object.keys(closedCodes) as ClosedWhy[]).find((w) => closedCodes[w] === code);
          if (why) {
            setToken(null);
            setClosed(why);
            return;
          }
          // The card closed (timed out): show the unlock again.
          if (cardClosedCodes.includes(code)) {
            window.location.reload();
            return;
          }
          setError(unlockErrors[code] ?? labels.failed);
          return;
        }
        setError(null);
        noteShown({ at: new Date().toISOString(), profile: wanted });
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
    [locale, labels.failed, unlockErrors, cardClosedCodes, closedCodes],
  );

  // What became of the card, every few seconds while the screen is visible and at once when it becomes visible again.
  useEffect(() => {
    if (closed) return;
    let stopped = false;
    async function ask() {
      if (stopped || document.visibilityState !== 'visible') return;
      try {
        const response = await fetch('/api/presentations/card-status', { credentials: 'same-origin', cache: 'no-store' });
        if (!response.ok) return;
        const { status } = (await response.json()) as { status?: string };
        if (!stopped && (status === 'locked' || status === 'moved' || status === 'revoked')) {
          setToken(null);
          setClosed(status);
        }
      } catch {
        // Offline: the code expires on its own; nothing to say yet.
      }
    }
    const timer = setInterval(ask, STATUS_POLL_MS);
    document.addEventListener('visibilitychange', ask);
    return () => {
      stopped = true;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', ask);
    };
  }, [closed]);

  useEffect(() => {
    if (!closed) void fetchToken(profile);
  }, [profile, fetchToken, closed]);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  // Renew before expiry; close when the unlock ends.
  useEffect(() => {
    if (closed) return;
    if (now >= closesAt) {
      window.location.reload();
      return;
    }
    if (token && token.expiresAt - now <= RENEW_BEFORE_MS && !inFlight.current) void fetchToken(profile);
  }, [now, token, profile, closesAt, fetchToken, closed]);

  // Keep the screen on while the code is shown, where the browser allows it.
  useEffect(() => {
    if (closed) return;
    let lock: { release(): Promise<void> } | null = null;
    const nav = navigator as Navigator & { wakeLock?: { request(type: 'screen'): Promise<{ release(): Promise<void> }> } };
    nav.wakeLock
      ?.request('screen')
      .then((l) => (lock = l))
      .catch(() => {});
    return () => void lock?.release().catch(() => {});
  }, [closed]);

  async function lockNow() {
    await fetch('/api/presentations/unlock', { method: 'DELETE', credentials: 'same-origin' }).catch(() => {});
    window.location.reload();
  }

  const remaining = token ? token.expiresAt - now : 0;
  const current = token && token.profile === profile && remaining > 0 ? token : null;

  if (closed) {
    return (
      <div className={styles.closed} data-testid="card-closed" data-closed={closed} tabIndex={-1} ref={(el) => el?.focus()}>
        {notices[closed]}
      </div>
    );
  }

  return (
    <div className={styles.presenter}>
      <fieldset className={styles.profiles}>
        <legend>{labels.chooseHeading}</legend>
        <div className={styles.profileRow}>
          {(['full', 'identity', 'age19'] as const).map((p) => (
            <label key={p} className={styles.profile} data-selected={p === profile}>
              <input type="radio" name="profile" value={p} checked={p === profile} onChange={() => setProfile(p)} />
              <span>{labels.profiles[p].title}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <section className={styles.qrPanel} aria-labelledby="qr-heading">
        <h2 id="qr-heading" className={styles.srOnly}>
          {labels.qrHeading}
        </h2>
        <div className={styles.liveRow}>
          <span className={styles.mark} aria-hidden="true">
            <svg viewBox="0 0 40 40" width="32" height="32">
              <circle cx="20" cy="20" r="17" fill="none" stroke="#0b4f8a" strokeWidth="3" strokeDasharray="10 6" />
              <circle cx="20" cy="9" r="4" fill="#c8102e" />
              <circle cx="20" cy="31" r="4" fill="#0b4f8a" />
            </svg>
          </span>
          <span className={styles.clock} aria-label={labels.clock} data-testid="live-clock" suppressHydrationWarning>
            {clock.format(now)}
          </span>
          <span className={styles.countdown} aria-live="off" data-testid="countdown">
            {current ? labels.validFor.replace('{time}', formatCountdown(locale, remaining)) : busy ? labels.refreshing : ''}
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
        <progress className={styles.progress} max={180} value={current ? Math.max(0, Math.round(remaining / 1000)) : 0} aria-hidden="true" />
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
        <p className={styles.help}>{labels.profiles[profile].help}</p>
      </section>

      {children}

      <p className="note">{labels.openUntil.replace('{time}', labels.openUntilTime)}</p>
      <button type="button" className="button" onClick={lockNow} data-testid="lock-card">
        {labels.lockNow}
      </button>
    </div>
  );
}
