'use client';
// Opens the card on this phone: the passkey (fingerprint, face or PIN) and
// the device key sign one server challenge (components/card-ceremonies).
import { useEffect, useState, type ReactNode } from 'react';
import { checkThisPhone, unlockThisPhone } from '@/components/card-ceremonies';
import { readRememberedCard } from '@/components/device-key';
import styles from '../card.module.css';
import type { ClosedWhy } from './presenter';

type Labels = { heading: string; body: string; button: string; working: string; noCard: string; getCard: string };

/** The one place the card page opens the card: swap this for another unlock and nothing else changes. */
export async function unlockCard(locale: string): Promise<{ ok: true } | { ok: false; code: string }> {
  const result = await unlockThisPhone({ options: '/api/presentations/unlock/options', verify: '/api/presentations/unlock' }, { locale });
  return result.ok ? { ok: true } : { ok: false, code: result.code };
}

export function UnlockPanel({
  locale,
  labels,
  errors,
  notices,
  closedCodes,
}: {
  locale: string;
  labels: Labels;
  errors: Record<string, string>;
  /** Shown instead of the unlock when this phone's card was reported lost, moved or was cancelled: such a card never opens here. */
  notices: Record<ClosedWhy, ReactNode>;
  /** The unlock's answer for each (the server's typed codes). */
  closedCodes: Record<ClosedWhy, string>;
}) {
  const [hasCard, setHasCard] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [closed, setClosed] = useState<ClosedWhy | null>(null);

  useEffect(() => {
    const remembered = readRememberedCard() !== null;
    setHasCard(remembered);
    // Ask the server what became of this phone's card, so a card reported lost, moved or cancelled says so before any tap.
    if (remembered) {
      checkThisPhone()
        .then((phone) => {
          if (phone.state === 'locked' || phone.state === 'moved' || phone.state === 'revoked') setClosed(phone.state);
        })
        .catch(() => {});
    }
  }, []);

  async function open() {
    setBusy(true);
    setMessage(null);
    const result = await unlockCard(locale);
    if (result.ok) {
      window.location.reload();
      return;
    }
    setBusy(false);
    const why = (Object.keys(closedCodes) as ClosedWhy[]).find((w) => closedCodes[w] === result.code);
    if (why) {
      setClosed(why);
      return;
    }
    setMessage(errors[result.code] ?? errors.default ?? result.code);
  }

  if (closed) return <>{notices[closed]}</>;

  const noCard = (
    <div className={`${styles.unlock} ${hasCard === null ? styles.ifNoCard : ''}`}>
      <p>{labels.noCard}</p>
      <a className="button primary" href={`/${locale}/enroll`}>
        {labels.getCard}
      </a>
    </div>
  );
  if (hasCard === false) return noCard;

  // Before the scripts run (hasCard null) both panels are in the page; the inline mark
  // (NO_CARD_MARK_SCRIPT) has already chosen which one shows, so nothing changes when they load.
  return (
    <>
      {hasCard === null ? noCard : null}
      <div className={`${styles.unlock} ${hasCard === null ? styles.ifCard : ''}`}>
        <h2>{labels.heading}</h2>
        <p>{labels.body}</p>
        <button type="button" className="button primary" onClick={open} disabled={busy || hasCard === null} data-testid="unlock-card">
          {busy ? labels.working : labels.button}
        </button>
        {message ? (
          <p className={styles.error} role="alert">
            {message}
          </p>
        ) : null}
      </div>
    </>
  );
}
