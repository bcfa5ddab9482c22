// The error a form's action sent back (?error=<code>), at the top of the
// form: it takes the focus when it appears (components/focus-on-arrival.tsx)
// and links to the field to fix.
import { FocusOnArrival } from '@/components/focus-on-arrival';
import styles from '../partner.module.css';

export function ErrorSummary({ title, message, field }: { title: string; message: string; field?: string }) {
  return (
    <FocusOnArrival key={message} className={styles.summary} role="alert" aria-labelledby="error-summary-title" data-testid="error-summary">
      <h2 id="error-summary-title">{title}</h2>
      <p>{field ? <a href={`#${field}`}>{message}</a> : message}</p>
    </FocusOnArrival>
  );
}
