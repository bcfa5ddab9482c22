'use client';
// The three facts that book the chosen time. Their form is checked here
// before sending (and again by the action): the summary at the top names
// each badly written field and links to it, and takes the focus. What was
// typed stays after any refusal. When the time was taken meanwhile, the
// next free times are offered right here, to pick with one tap. Without
// JavaScript the form posts to the server action and the page comes back
// with the same state.
import { useActionState, useEffect, useRef, useState, type FormEvent } from 'react';
import { bookAction, type BookState } from '../actions';
import { birthDateOfBoxes, checkIdentityFormat, IDENTITY_FIELDS, type FieldProblems, type IdentityField, type IdentityFacts } from '../_lib/identity-format';
import type { SlotText } from '../_lib/display';
import { SlotDetails, type SlotCardLabels } from './slot-card';
import styles from '../booking.module.css';
import { BirthDateFields } from '@/components/birth-date-fields';
import { IdentifierText } from '@/components/identifier-text';
import type { DatePart } from '@/lib/i18n';

export type BookFormLabels = {
  registrationNumber: string;
  registrationNumberHint: string;
  cardSerial: string;
  cardSerialHint: string;
  birthDate: string;
  birthDateHint: string;
  /** The date's three boxes: their labels, and the order the page's language writes a date in. */
  dateParts: Record<DatePart, string>;
  datePartOrder: readonly DatePart[];
  privacy: string;
  submit: string;
  submitting: string;
  summaryTitle: string;
  fieldErrors: Record<string, string>;
  takenTitle: string;
  takenBody: string;
  alternativesLegend: string;
  noAlternatives: string;
  slot: SlotCardLabels;
};

export function BookForm({
  locale,
  slotId,
  today,
  labels,
  initial,
}: {
  locale: string;
  slotId: string;
  today: string;
  labels: BookFormLabels;
  /** The chosen slot was already full or closed when the page opened. */
  initial: BookState;
}) {
  const [state, act, pending] = useActionState<BookState, FormData>(bookAction, initial);
  const [checked, setChecked] = useState<{ problems: FieldProblems; at: number } | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const takenRef = useRef<HTMLDivElement>(null);
  const [enhanced, setEnhanced] = useState(false);
  useEffect(() => setEnhanced(true), []);

  // The browser's own check wins until the next answer from the server.
  const [answered, setAnswered] = useState(state);
  if (answered !== state) {
    setAnswered(state);
    setChecked(null);
  }
  const problems = checked?.problems ?? state.problems ?? {};
  const problemFields = IDENTITY_FIELDS.filter((f) => problems[f]);
  const taken = !!state.alternatives;
  const refusal = !taken && state.error ? state.error : null;

  useEffect(() => {
    if (problemFields.length > 0 || refusal) summaryRef.current?.focus();
    else if (taken) takenRef.current?.focus();
    // Each new answer or check moves the focus once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state, checked]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const form = new FormData(event.currentTarget);
    const box = (name: DatePart) => String(form.get(name) ?? '');
    const facts: IdentityFacts = {
      registrationNumber: String(form.get('registrationNumber') ?? ''),
      cardSerial: String(form.get('cardSerial') ?? ''),
      birthDate: birthDateOfBoxes({ day: box('day'), month: box('month'), year: box('year') }, today),
    };
    const found = checkIdentityFormat(facts, today);
    if (Object.keys(found).length > 0) {
      event.preventDefault();
      setChecked({ problems: found, at: Date.now() });
    }
  };

  const field = (name: IdentityField, input: React.InputHTMLAttributes<HTMLInputElement>, hint?: string) => {
    const problem = problems[name];
    const describedBy = [hint ? `${name}-hint` : null, problem ? `${name}-error` : null].filter(Boolean).join(' ');
    return (
      <div className={`${styles.field} ${problem ? styles.invalid : ''}`}>
        <label htmlFor={name}>{labels[name]}</label>
        {hint ? (
          <span id={`${name}-hint`} className={styles.hint}>
            <IdentifierText text={hint} />
          </span>
        ) : null}
        {problem ? (
          <p id={`${name}-error`} className={styles.fieldError}>
            <IdentifierText text={labels.fieldErrors[problem] ?? ''} />
          </p>
        ) : null}
        <input
          id={name}
          name={name}
          required
          autoComplete="off"
          spellCheck={false}
          dir="ltr"
          aria-invalid={problem ? true : undefined}
          aria-describedby={describedBy || undefined}
          defaultValue={state.fields?.[name] ?? ''}
          {...input}
        />
      </div>
    );
  };

  return (
    <>
      {problemFields.length > 0 || refusal ? (
        <div className={styles.summary} ref={summaryRef} tabIndex={-1} role="alert" aria-labelledby="book-summary-title" data-testid="error-summary">
          <h2 id="book-summary-title">{labels.summaryTitle}</h2>
          {refusal ? (
            <p data-code={refusal.code} data-testid="refusal">
              {refusal.message}
            </p>
          ) : null}
          {problemFields.length > 0 ? (
            <ul>
              {problemFields.map((f) => (
                <li key={f}>
                  <a href={f === 'birthDate' ? `#birth-${labels.datePartOrder[0]}` : `#${f}`}>
                    <IdentifierText text={labels.fieldErrors[problems[f]!] ?? ''} />
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      <form
        action={act}
        onSubmit={onSubmit}
        noValidate
        className={`panel ${styles.form}`}
        data-testid="book-form"
        data-enhanced={enhanced ? '' : undefined}
        // A new answer from the server shows what was typed again (the inputs are uncontrolled).
        key={JSON.stringify(state.fields ?? {}) + (state.error?.code ?? '')}
      >
        <input type="hidden" name="locale" value={locale} />
        {taken ? (
          <div className={`${styles.notice} ${styles.warn}`} ref={takenRef} tabIndex={-1} role="alert" data-testid="slot-taken" data-code={state.error?.code}>
            {/* "Just taken" as the heading; a closed or vanished time says why in its own words. */}
            <h2>{state.alternativesBecause === 'taken' ? labels.takenTitle : state.error?.message}</h2>
            <p>{labels.takenBody}</p>
          </div>
        ) : (
          <input type="hidden" name="slotId" value={slotId} />
        )}
        {taken && state.alternatives!.length > 0 ? (
          <fieldset className={styles.filters} data-testid="alternatives">
            <legend>{labels.alternativesLegend}</legend>
            <ul className={styles.slots}>
              {state.alternatives!.map((slot, i) => (
                <li key={slot.id} className={styles.slot} data-testid="alternative" data-slot-id={slot.id}>
                  <label className={styles.pick}>
                    <input type="radio" name="slotId" value={slot.id} defaultChecked={i === 0} />
                    <span>
                      <SlotDetails slot={slot} labels={labels.slot} showDay brief />
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        ) : null}
        {taken && state.alternatives!.length === 0 ? <p data-testid="no-alternatives">{labels.noAlternatives}</p> : null}

        {field('registrationNumber', { inputMode: 'numeric', maxLength: 20 }, labels.registrationNumberHint)}
        {field('cardSerial', { autoCapitalize: 'characters', maxLength: 20 }, labels.cardSerialHint)}
        <BirthDateFields
          labels={{ legend: labels.birthDate, hint: labels.birthDateHint, parts: labels.dateParts }}
          order={labels.datePartOrder}
          values={{ day: state.fields?.day, month: state.fields?.month, year: state.fields?.year }}
          error={problems.birthDate ? <IdentifierText text={labels.fieldErrors[problems.birthDate] ?? ''} /> : undefined}
          ids={{ input: 'birth', hint: 'birthDate-hint', error: 'birthDate-error' }}
          hintClassName={styles.hint}
          errorClassName={styles.fieldError}
        />
        <p className="note">{labels.privacy}</p>
        <button type="submit" className="button primary" disabled={pending || (taken && state.alternatives!.length === 0)}>
          {pending ? labels.submitting : labels.submit}
        </button>
      </form>
    </>
  );
}
