// One slot as the booking pages list it: its time in Korea, kind, length,
// languages, place and places left. What the reader can do with it (a link,
// or a radio button in a form) comes as the action.
import type { ReactNode } from 'react';
import type { SlotText } from '../_lib/display';
import styles from '../booking.module.css';

export type SlotCardLabels = { languages: string; interpreter: string; koreaTime: string };

/**
 * `brief` (a list of many slots): the time range stands for the length, and
 * the place is its name and address, without the office's opening hours —
 * what tells one slot from the next, so a list of 30 stays short on a phone.
 * The chosen slot's page says everything.
 */
export function SlotDetails({ slot, labels, showDay, brief }: { slot: SlotText; labels: SlotCardLabels; showDay?: boolean; brief?: boolean }) {
  // Brief: an office's address, or a venue's host line — never the opening hours.
  const lines = !brief ? slot.place.lines : slot.place.address ? [] : slot.place.lines.slice(0, 1);
  return (
    <>
      {showDay ? <span className={styles.dayLine}>{slot.day}</span> : null}
      <div className={styles.slotHead}>
        <p className={styles.time}>
          <time>{slot.time}</time> <span className={styles.muted}>({labels.koreaTime})</span>
        </p>
        <span className={styles.badge}>{slot.kindLabel}</span>
      </div>
      {brief ? null : <p className={styles.muted}>{slot.duration}</p>}
      <p>
        {/* A community venue is its host's own words (any script, any digits): isolated, left as written. */}
        <strong>{slot.kind === 'community' ? <bdi translate="no">{slot.place.title}</bdi> : slot.place.title}</strong>
        {slot.place.address ? (
          <span className={styles.hint} translate="no">
            {slot.place.address}
          </span>
        ) : null}
        {lines.map((line) => (
          <span key={line} className={styles.hint}>
            {line}
          </span>
        ))}
      </p>
      <p>
        {labels.languages}: {slot.languages}
      </p>
      {slot.interpreter ? <p className={styles.muted}>{labels.interpreter}</p> : null}
      <p className={styles.free}>{slot.free}</p>
    </>
  );
}

/** A list item for a slot, with what to do with it. */
export function SlotCard({ slot, labels, action, showDay }: { slot: SlotText; labels: SlotCardLabels; action: ReactNode; showDay?: boolean }) {
  return (
    <li className={styles.slot} data-testid="slot" data-slot-id={slot.id} data-kind={slot.kind}>
      <SlotDetails slot={slot} labels={labels} showDay={showDay} brief />
      {action}
    </li>
  );
}
