'use client';
// The admin's invitation of a person to act for a partner organisation;
// shows the one-time link once, to copy and send.
import { useActionState } from 'react';
import { invitePartnerMemberAction, type PartnerInviteState } from '../actions';
import styles from '../partner.module.css';

type Labels = {
  organisation: string;
  displayName: string;
  handle: string;
  handleHint: string;
  submit: string;
  busy: string;
  linkLabel: string;
};

export function PartnerInviteForm({ locale, partners, labels }: { locale: string; partners: Array<{ id: string; name: string }>; labels: Labels }) {
  const [state, invite, busy] = useActionState<PartnerInviteState, FormData>(invitePartnerMemberAction, { status: 'idle' });
  return (
    <>
      <form action={invite} className="panel">
        <input type="hidden" name="locale" value={locale} />
        <div className={styles.field}>
          <label htmlFor="invite-partner">{labels.organisation}</label>
          <select id="invite-partner" name="partnerId" required>
            {partners.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className={styles.field}>
          <label htmlFor="invite-name">{labels.displayName}</label>
          <input id="invite-name" name="displayName" required maxLength={100} autoComplete="off" />
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
          />
          <span id="invite-handle-hint" className="note">
            {labels.handleHint}
          </span>
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
