import styles from '../enroll.module.css';

/** A message the resident must not miss: errors (role=alert) or notices. */
export function Note({ kind, children }: { kind: 'error' | 'info' | 'ok' | 'warn'; children: React.ReactNode }) {
  return (
    <div className={`${styles.note} ${styles[kind]}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/** "Step 2 of 4" */
export function Progress({ label }: { label: string }) {
  return <p className={styles.progress}>{label}</p>;
}

/** Forget this try and go back to the start (a form, so it works without JavaScript). */
export function StartOver({ locale, label, to }: { locale: string; label: string; to?: 'chip' | 'reissue' | 'office' }) {
  return (
    <form method="post" action="/api/enrollment/restart" className={styles.startOver}>
      <input type="hidden" name="locale" value={locale} />
      {to ? <input type="hidden" name="to" value={to} /> : null}
      <button type="submit" className={styles.linkButton}>
        {label}
      </button>
    </form>
  );
}
