// A date of birth as three boxes (day, month, year) in the order the page's
// language writes a date (datePartOrder), each labelled in that language.
// Not <input type="date">: its placeholder and order follow the browser's
// language ("mm/dd/yyyy" on a Nepali page), and its picker makes a birthday
// in 1985 a long scroll on an old phone. Renders with or without JavaScript,
// in server and client components alike (no hooks). The server reads the
// parts (lib/eligibility birthDateOfParts: native digits, one-digit days) and names
// what is wrong; the error arrives here as `error`.
import type { ReactNode } from 'react';
import type { DatePart } from '@/lib/i18n';
import styles from './birth-date-fields.module.css';

export type BirthDateLabels = {
  legend: string;
  hint: string;
  parts: Record<DatePart, string>;
};

export function BirthDateFields({
  labels,
  order,
  values = {},
  error,
  ids,
  autoFocus = false,
  inputKey = '',
  hintClassName,
  errorClassName,
}: {
  labels: BirthDateLabels;
  order: readonly DatePart[];
  /** What was typed, shown again after a refusal. */
  values?: Partial<Record<DatePart, string>>;
  /** What is wrong, in the page's language. */
  error?: ReactNode;
  /** inputs: `${ids.input}-day`…; the hint's and the error's ids (the fieldset is described by them). */
  ids: { input: string; hint: string; error: string };
  /** The first box takes the focus (the first wrong field of a form that came back). */
  autoFocus?: boolean;
  /** Changes when the form's answer changes, so the boxes show the kept values again. */
  inputKey?: string;
  hintClassName?: string;
  errorClassName?: string;
}) {
  const describedBy = [ids.hint, error ? ids.error : null].filter(Boolean).join(' ');
  return (
    <fieldset className={error ? `${styles.date} ${styles.invalid}` : styles.date} aria-describedby={describedBy} data-testid="birth-date">
      <legend>{labels.legend}</legend>
      <span id={ids.hint} className={hintClassName}>
        {labels.hint}
      </span>
      {error ? (
        <span id={ids.error} className={errorClassName} data-testid="birth-date-error">
          {error}
        </span>
      ) : null}
      <div className={styles.parts}>
        {order.map((part, i) => (
          <div key={part} className={part === 'year' ? `${styles.part} ${styles.year}` : styles.part}>
            <label htmlFor={`${ids.input}-${part}`}>{labels.parts[part]}</label>
            <input
              id={`${ids.input}-${part}`}
              name={part}
              inputMode="numeric"
              autoComplete={part === 'day' ? 'bday-day' : part === 'month' ? 'bday-month' : 'bday-year'}
              maxLength={part === 'year' ? 4 : 2}
              dir="ltr"
              defaultValue={values[part] ?? ''}
              key={`${part}-${inputKey}`}
              aria-invalid={error ? true : undefined}
              autoFocus={autoFocus && i === 0}
            />
          </div>
        ))}
      </div>
    </fieldset>
  );
}
