'use client';
// The passkey step on the phone: a new device key (WebCrypto, kept in
// IndexedDB), the passkey (WebAuthn), both over the server's challenge; the
// card is then issued to this phone.
import { useState } from 'react';
import { BROWSER_CODES, enrollThisPhone } from '@/components/card-ceremonies';
import styles from '../enroll.module.css';
import { useHydrated } from '@/components/use-hydrated';

export type CreatePasskeyStrings = {
  button: string;
  working: string;
  cancelled: string;
  alreadyRegistered: string;
  unsupported: string;
  network: string;
  failed: string;
};

export function CreatePasskey({ locale, strings }: { locale: string; strings: CreatePasskeyStrings }) {
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);

  async function create() {
    setBusy(true);
    setError(null);
    const result = await enrollThisPhone({ options: '/api/passkeys/registration/options', verify: '/api/passkeys/registration/verify' }).catch(
      () => ({ ok: false as const, code: BROWSER_CODES.unsupported, message: undefined }),
    );
    if (result.ok) {
      window.location.assign(`/${locale}/enroll/done`);
      return;
    }
    const browser: Record<string, string> = {
      [BROWSER_CODES.cancelled]: strings.cancelled,
      [BROWSER_CODES.alreadyRegistered]: strings.alreadyRegistered,
      [BROWSER_CODES.unsupported]: strings.unsupported,
      [BROWSER_CODES.network]: strings.network,
    };
    setError(browser[result.code] ?? result.message ?? strings.failed);
    setBusy(false);
  }

  return (
    <div className={styles.form}>
      <button type="button" className="button primary" onClick={create} disabled={busy || !hydrated} data-testid="create-passkey">
        {busy ? strings.working : strings.button}
      </button>
      {error ? (
        <div className={`${styles.note} ${styles.error}`} role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}
