'use client';
// Opens the card on this phone: the passkey (fingerprint, face or PIN) and
// the device key sign one server challenge (components/card-ceremonies).
import { useEffect, useState, type ReactNode } from 'react';
import { checkThisPhone, unlockThisPhone } from '@/components/card-ceremonies';
import { readRememberedCard } from '@/components/device-key';
import styles from '../card.module.css';

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
  lockedNotice,
  lockedCode,
}: {
  locale: string;
  labels: Labels;
  errors: Record<string, string>;
  /** Shown instead of the unlock when this phone's card was reported lost: a locked card never opens. */
  lockedNotice?: ReactNode;
  /** The unlock's answer for such a card (the server's typed code). */
  lockedCode?: string;
}) {
  const [hasCard, setHasCard] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [locked, setLocked] = useState(false);
  const hasNotice = lockedNotice !== undefined;

  useEffect(() => {
    const remembered = readRememberedCard() !== null;
    setHasCard(remembered);
    // Ask the server what became of this phone's card, so a card reported lost says so before any tap.
    if (remembered && hasNotice) {
      checkThisPhone()
        .then((phone) => setLocked(phone.state === 'locked'))
        .catch(() => {});
    }
  }, [hasNotice]);

  async function open() {
    setBusy(true);
    setMessage(null);
    const result = await unlockCard(locale);
    if (result.ok) {
      window.location.reload();
      return;
    }
    setBusy(false);
    if (hasNotice && result.code === lockedCode) {
      setLocked(true);
      return;
    }
    setMessage(errors[result.code] ?? errors.default ?? result.code);
  }

  if (locked && hasNotice) return <>{lockedNotice}</>;

  if (hasCard === false) {
    return (
      <div className={styles.unlock}>
        <p>{labels.noCard}</p>
        <a className="button primary" href={`/${locale}/enroll`}>
          {labels.getCard}
        </a>
      </div>
    );
  }

  return (
    <div className={styles.unlock}>
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
  );
}
