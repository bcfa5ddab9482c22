// The links between pages of free times (the search's, a move's): the later
// ones, and back to the soonest. Plain links: they work with JavaScript off.
import styles from '../booking.module.css';

export function SlotPages({ later, soonest, labels }: { later: string | null; soonest: string | null; labels: { later: string; soonest: string } }) {
  if (!later && !soonest) return null;
  return (
    <p className={styles.pages} data-testid="slot-pages">
      {later ? (
        <a className="button" href={later} rel="next">
          {labels.later}
        </a>
      ) : null}
      {soonest ? <a href={soonest}>{labels.soonest}</a> : null}
    </p>
  );
}
