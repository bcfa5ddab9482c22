// The card's face on the holder's screen (server-rendered: no JavaScript).
import styles from '../card.module.css';

export function CardFace({ label, rows }: { label: string; rows: { id: string; label: string; value: string }[] }) {
  return (
    <section className={styles.face} aria-label={label}>
      <p className={styles.faceLabel}>
        <svg aria-hidden="true" width="22" height="22" viewBox="0 0 32 32">
          <rect x="2" y="6" width="28" height="20" rx="4" fill="currentColor" />
          <rect x="6" y="11" width="8" height="10" rx="1.5" fill="#0b4f8a" />
        </svg>
        {label}
      </p>
      <dl className={styles.faceRows}>
        {rows.map((row) => (
          <div key={row.id} data-claim={row.id}>
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
