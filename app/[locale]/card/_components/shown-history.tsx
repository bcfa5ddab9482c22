'use client';
// "What my card showed": the history this phone keeps of its own showings
// (components/card-history, IndexedDB, never sent anywhere), newest first,
// with "this wasn't me" leading to the loss report.
import { useEffect, useState } from 'react';
import { indexedDbHistory, readShown, type ShownEntry, type ShownProfile } from '@/components/card-history';
import styles from '../card.module.css';
import { formatWithShape, type DateShape } from '@/lib/i18n';

type Labels = {
  title: string;
  intro: string;
  empty: string;
  asked: string;
  notMe: string;
  privacy: string;
  profiles: Record<ShownProfile, string>;
  /** When each showing was, as the server writes a date and time (no Intl in the browser). */
  timeShape: DateShape;
};

/** How many entries the list shows. */
const SHOWN_ENTRIES = 30;

export function ShownHistory({ locale, labels }: { locale: string; labels: Labels }) {
  const [entries, setEntries] = useState<ShownEntry[] | null>(null);

  useEffect(() => {
    if (typeof indexedDB === 'undefined') return setEntries([]);
    readShown(indexedDbHistory())
      .then(setEntries)
      .catch(() => setEntries([]));
  }, []);

  const when = { format: (at: Date) => formatWithShape(labels.timeShape, at) };
  return (
    <details className={`panel ${styles.history}`} data-testid="card-history">
      <summary>{labels.title}</summary>
      <p className="note">{labels.intro}</p>
      {entries === null ? null : entries.length === 0 ? (
        <p data-testid="history-empty">{labels.empty}</p>
      ) : (
        <ol>
          {entries.slice(0, SHOWN_ENTRIES).map((entry, i) => (
            <li key={`${entry.at}-${i}`} data-profile={entry.profile} data-testid="history-entry">
              <time dateTime={entry.at}>{when.format(new Date(entry.at))}</time>
              {' · '}
              {labels.profiles[entry.profile]}
              {entry.requestedBy ? (
                <>
                  {' · '}
                  {labels.asked.split('{name}')[0]}
                  <bdi>{entry.requestedBy}</bdi>
                  {labels.asked.split('{name}')[1] ?? ''}
                </>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      <p>
        <a className="button" href={`/${locale}/loss`} data-testid="not-me">
          {labels.notMe}
        </a>
      </p>
      <p>
        <a href={`/${locale}/privacy`}>{labels.privacy}</a>
      </p>
    </details>
  );
}
