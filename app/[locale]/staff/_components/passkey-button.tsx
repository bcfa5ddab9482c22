'use client';
// One button that runs a staff WebAuthn ceremony: fetch options from the
// server, ask the browser (and its authenticator) with @simplewebauthn/browser,
// send the answer back, then go to `next`. Strings come translated as props.
import { useState } from 'react';
import { startAuthentication, startRegistration } from '@simplewebauthn/browser';
import styles from '../staff.module.css';
import { useHydrated } from '@/components/use-hydrated';

type Props = {
  mode: 'sign-in' | 'register';
  /** The invitation token (register only). */
  token?: string;
  next: string;
  labels: { button: string; busy: string; cancelled: string; unsupported: string; failed: string };
  /** Error code → localised message. */
  errors: Record<string, string>;
};

async function post(url: string, body: unknown): Promise<{ ok: boolean; data: { error?: { code: string } } & Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    credentials: 'same-origin',
  });
  const data = await res.json().catch(() => ({ error: { code: 'internal' } }));
  return { ok: res.ok, data };
}

export function PasskeyButton({ mode, token, next, labels, errors }: Props) {
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const [message, setMessage] = useState<string | null>(null);

  async function run() {
    setBusy(true);
    setMessage(null);
    try {
      if (typeof window.PublicKeyCredential === 'undefined') {
        setMessage(labels.unsupported);
        return;
      }
      const base = mode === 'sign-in' ? '/api/staff/sign-in' : '/api/staff/register';
      const options = await post(`${base}/options`, mode === 'register' ? { token } : {});
      if (!options.ok) {
        setMessage(errors[options.data.error?.code ?? ''] ?? labels.failed);
        return;
      }
      let response;
      try {
        response =
          mode === 'sign-in'
            ? await startAuthentication({ optionsJSON: options.data as never })
            : await startRegistration({ optionsJSON: options.data as never });
      } catch {
        setMessage(labels.cancelled);
        return;
      }
      const verified = await post(`${base}/verify`, mode === 'register' ? { token, response } : { response });
      if (!verified.ok) {
        setMessage(errors[verified.data.error?.code ?? ''] ?? labels.failed);
        return;
      }
      window.location.assign(next);
    } catch {
      setMessage(labels.failed);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="passkey-action">
      <button type="button" className="button primary" onClick={run} disabled={busy || !hydrated} aria-describedby="passkey-status">
        {busy ? labels.busy : labels.button}
      </button>
      <p id="passkey-status" role={message ? 'alert' : 'status'} aria-live="polite" className={message ? styles.error : styles.status}>
        {message ?? ''}
      </p>
    </div>
  );
}
