'use client';
// The chip step on the phone. A web page cannot read the card's chip (no
// Web NFC access to the IC applet), so in the demo the CARD SIMULATOR signs
// the server's challenge in the chip's place — on the server, behind a
// demo-only route. The server verifies the signature for real.
import { useState } from 'react';
import styles from '../enroll.module.css';
import { useHydrated } from '@/components/use-hydrated';

type Strings = { simulatorLabel: string; simulatorButton: string; working: string; network: string };

async function post(url: string, body: unknown): Promise<{ ok: boolean; data: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  return { ok: response.ok, data: (await response.json().catch(() => ({}))) as Record<string, unknown> };
}

export function TapCard({ locale, strings }: { locale: string; strings: Strings }) {
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);

  async function tap() {
    setBusy(true);
    setError(null);
    try {
      const challenge = await post('/api/enrollment/chip/challenge', { locale });
      if (!challenge.ok) throw challenge.data;
      const signed = await post('/api/enrollment/chip-simulator', { locale, challenge: challenge.data.challenge });
      if (!signed.ok) throw signed.data;
      const verified = await post('/api/enrollment/chip/verify', { locale, challenge: challenge.data.challenge, signature: signed.data.signature });
      if (!verified.ok) throw verified.data;
      window.location.assign(String(verified.data.url));
    } catch (failure) {
      const message = (failure as { error?: { message?: string } })?.error?.message;
      setError(message ?? strings.network);
      setBusy(false);
    }
  }

  return (
    <div className={styles.simulator} data-testid="card-simulator">
      <p className={styles.simulatorLabel}>{strings.simulatorLabel}</p>
      <button type="button" className="button primary" onClick={tap} disabled={busy || !hydrated}>
        {busy ? strings.working : strings.simulatorButton}
      </button>
      {error ? (
        <div className={`${styles.note} ${styles.error}`} role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}
