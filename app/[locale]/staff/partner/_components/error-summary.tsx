// The error a form's action sent back (?error=<code>), at the top of the
// form: it takes the focus when the page loads (autofocus works without
// scripts) and links to the field to fix.
import styles from '../partner.module.css';

export function ErrorSummary({ title, message, field }: { title: string; message: string; field?: string }) {
  return (
    <div className={styles.summary} tabIndex={-1} autoFocus role="alert" aria-labelledby="error-summary-title" data-testid="error-summary">
      <h2 id="error-summary-title">{title}</h2>
      <p>{field ? <a href={`#${field}`}>{message}</a> : message}</p>
    </div>
  );
}
