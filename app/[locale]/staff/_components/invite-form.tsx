'use client';
// The admin's invitation form; shows the one-time link once, to copy and send.
import { useActionState } from 'react';
import { inviteStaffAction, type InviteState } from '../actions';
import styles from '../staff.module.css';

type Labels = {
  displayName: string;
  handle: string;
  handleHint: string;
  role: string;
  submit: string;
  busy: string;
  linkLabel: string;
};

export function InviteForm({ locale, roles, labels }: { locale: string; roles: Array<{ value: string; label: string }>; labels: Labels }) {
  const [state, invite, busy] = useActionState<InviteState, FormData>(inviteStaffAction, { status: 'idle' });
  // After a refusal the form shows what was typed (React resets a form after its action: to these defaults).
  const typed = state.status === 'error' ? (state.fields ?? {}) : {};
  return (
    <>
      <form action={invite} className="panel">
        <input type="hidden" name="locale" value={locale} />
        <div className={styles.field}>
          <label htmlFor="invite-name">{labels.displayName}</label>
          <input id="invite-name" name="displayName" required maxLength={100} autoComplete="off" defaultValue={typed.displayName ?? ''} />
        </div>
        <div className={styles.field}>
          <label htmlFor="invite-handle">{labels.handle}</label>
          <input
            id="invite-handle"
            name="handle"
            required
            minLength={3}
            maxLength={120}
            autoComplete="off"
            spellCheck={false}
            dir="ltr"
            aria-describedby="invite-handle-hint"
            defaultValue={typed.handle ?? ''}
          />
          <span id="invite-handle-hint" className="note">
            {labels.handleHint}
          </span>
        </div>
        <div className={styles.field}>
          <label htmlFor="invite-role">{labels.role}</label>
          <select id="invite-role" name="role" defaultValue={typed.role || 'officer'} key={typed.role || 'officer'}>
            {roles.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? labels.busy : labels.submit}
        </button>
        <p role="alert" className={styles.error}>
          {state.status === 'error' ? state.message : ''}
        </p>
      </form>
      {state.status === 'done' ? (
        <div className="panel" role="status">
          <p className={styles.ok}>{state.message}</p>
          <p>{labels.linkLabel}</p>
          <a className={styles.link} href={state.link} data-testid="invite-link">
            {state.link}
          </a>
          <p className="note">{state.expiresAt}</p>
        </div>
      ) : null}
    </>
  );
}
