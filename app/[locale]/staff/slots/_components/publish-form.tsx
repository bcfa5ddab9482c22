'use client';
// The officer's form to publish a time. All fields show with JavaScript off
// (the office and the venue say which kind they are for); a refusal comes
// back with its message, focused, and what was filled in.
import { useActionState, useEffect, useRef } from 'react';
import { publishSlotAction, type PublishState } from '../actions';
import styles from '../../staff.module.css';
import own from '../slots.module.css';

export type PublishLabels = {
  kind: string;
  kinds: Record<'video' | 'office' | 'community', string>;
  date: string;
  time: string;
  minutes: string;
  capacity: string;
  capacityHint: string;
  languages: string;
  languagesHint: string;
  interpreter: string;
  office: string;
  officeHint: string;
  venue: string;
  venueHint: string;
  host: string;
  hostHint: string;
  publish: string;
  publishing: string;
  errorTitle: string;
};

export function PublishForm({
  locale,
  labels,
  languages,
  offices,
  today,
}: {
  locale: string;
  labels: PublishLabels;
  /** [code, name in the officer's language] for every locale. */
  languages: Array<[string, string]>;
  /** [id, office name] */
  offices: Array<[string, string]>;
  today: string;
}) {
  const [state, act, pending] = useActionState<PublishState, FormData>(publishSlotAction, {});
  const errorRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.error) errorRef.current?.focus();
  }, [state]);
  const f = state.fields ?? {};
  const value = (name: string, fallback = '') => (typeof f[name] === 'string' ? (f[name] as string) : fallback);
  // Korean is ticked to begin with: every officer speaks it. After a refusal the boxes show what was
  // sent, none included (a refusal for "no language" must not come back with Korean ticked again).
  const chosen = new Set(Array.isArray(f.languages) ? f.languages : state.fields ? [] : ['ko']);

  return (
    <form action={act} className="panel" data-testid="publish-form" key={JSON.stringify(f)}>
      <input type="hidden" name="locale" value={locale} />
      {state.error ? (
        <div ref={errorRef} tabIndex={-1} role="alert" className={styles.error} data-code={state.error.code} data-testid="publish-error">
          <strong>{labels.errorTitle}: </strong>
          {state.error.message}
        </div>
      ) : null}
      <fieldset className={own.fieldset}>
        <legend>{labels.kind}</legend>
        {(['video', 'office', 'community'] as const).map((k) => (
          <label key={k} className={own.choice}>
            <input type="radio" name="kind" value={k} defaultChecked={value('kind', 'video') === k} required />
            <span>{labels.kinds[k]}</span>
          </label>
        ))}
      </fieldset>
      <div className={styles.field}>
        <label htmlFor="slot-date">{labels.date}</label>
        <input id="slot-date" name="date" type="date" min={today} required defaultValue={value('date')} dir="ltr" />
      </div>
      <div className={styles.field}>
        <label htmlFor="slot-time">{labels.time}</label>
        <input id="slot-time" name="time" type="time" step={300} required defaultValue={value('time', '10:00')} dir="ltr" />
      </div>
      <div className={styles.field}>
        <label htmlFor="slot-minutes">{labels.minutes}</label>
        <input id="slot-minutes" name="minutes" type="number" inputMode="numeric" min={5} max={480} step={5} required defaultValue={value('minutes', '20')} />
      </div>
      <div className={styles.field}>
        <label htmlFor="slot-capacity">{labels.capacity}</label>
        <span id="slot-capacity-hint" className="note">
          {labels.capacityHint}
        </span>
        <input
          id="slot-capacity"
          name="capacity"
          type="number"
          inputMode="numeric"
          min={1}
          max={100}
          required
          defaultValue={value('capacity', '1')}
          aria-describedby="slot-capacity-hint"
        />
      </div>
      <fieldset className={own.fieldset} aria-describedby="slot-languages-hint">
        <legend>{labels.languages}</legend>
        <span id="slot-languages-hint" className="note">
          {labels.languagesHint}
        </span>
        <div className={own.languageGrid}>
          {languages.map(([code, name]) => (
            <label key={code} className={own.choice}>
              <input type="checkbox" name={`lang_${code}`} defaultChecked={chosen.has(code)} />
              <span>{name}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <label className={own.choice}>
        <input type="checkbox" name="interpreter" defaultChecked={value('interpreter') === 'on'} />
        <span>{labels.interpreter}</span>
      </label>
      <div className={styles.field}>
        <label htmlFor="slot-office">{labels.office}</label>
        <span id="slot-office-hint" className="note">
          {labels.officeHint}
        </span>
        <select id="slot-office" name="office" defaultValue={value('office')} aria-describedby="slot-office-hint">
          <option value="">—</option>
          {offices.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <div className={styles.field}>
        <label htmlFor="slot-venue">{labels.venue}</label>
        <span id="slot-venue-hint" className="note">
          {labels.venueHint}
        </span>
        <input id="slot-venue" name="venue" maxLength={200} defaultValue={value('venue')} aria-describedby="slot-venue-hint" />
      </div>
      <div className={styles.field}>
        <label htmlFor="slot-host">{labels.host}</label>
        <span id="slot-host-hint" className="note">
          {labels.hostHint}
        </span>
        <input id="slot-host" name="host" maxLength={120} defaultValue={value('host')} aria-describedby="slot-host-hint" />
      </div>
      <button type="submit" className="button primary" disabled={pending}>
        {pending ? labels.publishing : labels.publish}
      </button>
    </form>
  );
}
