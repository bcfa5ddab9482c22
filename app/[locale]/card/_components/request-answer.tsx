'use client';
// Approve (passkey + device key over one challenge, then the token for
// exactly what was asked goes to the verifier) or say no.
import { useState } from 'react';
import { unlockThisPhone } from '@/components/card-ceremonies';
import { noteShown, type ShownProfile } from '@/components/card-history';
import styles from '../card.module.css';
import { useHydrated } from '@/components/use-hydrated';

type State = 'pending' | 'approved' | 'declined' | 'expired';

type Labels = {
  onlyIfThere: string;
  approve: string;
  decline: string;
  working: string;
  approved: string;
  declined: string;
  expired: string;
};

export function RequestAnswer({
  id,
  locale,
  initialState,
  verifierName,
  profile,
  labels,
  errors,
  expiredCode,
}: {
  id: string;
  locale: string;
  initialState: State;
  verifierName: string;
  /** What the verifier asked for: noted in this phone's own history when the holder says yes. */
  profile: ShownProfile;
  labels: Labels;
  errors: Record<string, string>;
  /** The code the server answers for a request past its time (typed on the server page). */
  expiredCode: string;
}) {
  const [state, setState] = useState<State>(initialState);
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const [message, setMessage] = useState<string | null>(null);

  function failed(code: string) {
    if (code === expiredCode) setState('expired');
    setMessage(errors[code] ?? errors.default ?? code);
  }

  async function approve() {
    setBusy(true);
    setMessage(null);
    const result = await unlockThisPhone(
      { options: '/api/presentations/unlock/options', verify: `/api/presentations/requests/${id}/approve` },
      { locale },
    );
    setBusy(false);
    if (result.ok) {
      noteShown({ at: new Date().toISOString(), profile, requestedBy: verifierName });
      setState('approved');
    }
    else failed(result.code);
  }

  async function decline() {
    setBusy(true);
    setMessage(null);
    try {
      const response = await fetch(`/api/presentations/requests/${id}/decline`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ locale }),
      });
      const data = (await response.json().catch(() => ({}))) as { error?: { code?: string } };
      if (response.ok) setState('declined');
      else failed(data.error?.code ?? '');
    } catch {
      failed('browser.network');
    } finally {
      setBusy(false);
    }
  }

  if (state !== 'pending') {
    const text =
      state === 'approved' ? labels.approved.replace('{name}', verifierName) : state === 'declined' ? labels.declined : labels.expired;
    return (
      <p className={state === 'approved' ? 'panel' : styles.refusal} role="status" data-testid="request-state" data-state={state}>
        {text}
      </p>
    );
  }

  return (
    <div className={styles.unlock}>
      <p>
        <strong>{labels.onlyIfThere}</strong>
      </p>
      <ul className="actions">
        <li>
          <button type="button" className="button primary" onClick={approve} disabled={busy || !hydrated} data-testid="approve-request">
            {busy ? labels.working : labels.approve}
          </button>
        </li>
        <li>
          <button type="button" className="button" onClick={decline} disabled={busy || !hydrated} data-testid="decline-request">
            {labels.decline}
          </button>
        </li>
      </ul>
      {message ? (
        <p className={styles.error} role="alert">
          {message}
        </p>
      ) : null}
    </div>
  );
}
