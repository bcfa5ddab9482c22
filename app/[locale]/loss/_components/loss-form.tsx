'use client';
// The loss report form. Posts to the server action; without JavaScript the
// page comes back rendered with its answer (useActionState), with JavaScript
// without a reload. Either way: what was typed stays, each wrong field says
// what is wrong, and the summary (or the refusal) takes the focus.
import { IdentifierText } from '@/components/identifier-text';
import { useActionState, type ReactNode } from 'react';
import { BirthDateFields } from '@/components/birth-date-fields';
import { FocusOnArrival } from '@/components/focus-on-arrival';
import type { DatePart } from '@/lib/i18n';
import type { LossField } from '@/lib/loss';
import { initialLossFormState, type LossFormState } from './form-state';
import styles from '../loss.module.css';


export type LossFormText = {
  locale: string;
  formTitle: string;
  registrationNumber: string;
  /** The hint, with its example already isolated left to right. */
  registrationNumberHint: ReactNode;
  cardSerial: string;
  cardSerialHint: ReactNode;
  birthDate: string;
  birthDateHint: string;
  parts: Record<DatePart, string>;
  /** The order people of this language write a date in. */
  partOrder: readonly DatePart[];
  privacy: string;
  submit: string;
  summaryTitle: string;
};

type Props = { text: LossFormText; action: (state: LossFormState, form: FormData) => Promise<LossFormState> };

const FIELD_IDS: Record<LossField, (order: readonly DatePart[]) => string> = {
  registrationNumber: () => 'registrationNumber',
  cardSerial: () => 'cardSerial',
  birthDate: (order) => `birth-${order[0]}`,
};

export function LossForm({ text, action }: Props) {
  const [state, formAction, pending] = useActionState(action, initialLossFormState);
  const errors = state.fieldErrors;
  const wrong = (Object.keys(errors) as LossField[]).filter((f) => errors[f]);
  // A new key each answer: the summary mounts again and takes the focus (components/focus-on-arrival.tsx).
  const answerKey = state.answer ?? 'first';
  const describedBy = (field: LossField, hint: boolean) =>
    [hint ? `${field}-hint` : null, errors[field] ? `${field}-error` : null].filter(Boolean).join(' ') || undefined;

  return (
    <form action={formAction} className={styles.form} noValidate data-testid="loss-form" aria-labelledby="loss-form-title">
      <h2 id="loss-form-title">{text.formTitle}</h2>
      <input type="hidden" name="locale" value={text.locale} />

      {wrong.length > 0 ? (
        <FocusOnArrival key={answerKey} className={styles.summary} aria-labelledby="loss-summary-title" data-testid="error-summary">
          <h3 id="loss-summary-title">{text.summaryTitle}</h3>
          <ul>
            {wrong.map((field) => (
              <li key={field}>
                <a href={`#${FIELD_IDS[field](text.partOrder)}`}>
                  <IdentifierText text={errors[field]!.message} />
                </a>
              </li>
            ))}
          </ul>
        </FocusOnArrival>
      ) : null}
      {state.failure ? (
        <FocusOnArrival key={answerKey} className={styles.failure} role="alert" data-testid="loss-failure" data-code={state.failure.code}>
          {state.failure.message}
        </FocusOnArrival>
      ) : null}

      <div className={errors.registrationNumber ? `${styles.field} ${styles.invalid}` : styles.field}>
        <label htmlFor="registrationNumber">{text.registrationNumber}</label>
        <span id="registrationNumber-hint" className={styles.hint}>
          {text.registrationNumberHint}
        </span>
        {errors.registrationNumber ? (
          <span id="registrationNumber-error" className={styles.fieldError}>
            <IdentifierText text={errors.registrationNumber.message} />
          </span>
        ) : null}
        <input
          id="registrationNumber"
          name="registrationNumber"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          maxLength={20}
          dir="ltr"
          defaultValue={state.values.registrationNumber}
          key={`rn-${answerKey}`}
          aria-invalid={errors.registrationNumber ? true : undefined}
          aria-describedby={describedBy('registrationNumber', true)}
        />
      </div>

      <div className={errors.cardSerial ? `${styles.field} ${styles.invalid}` : styles.field}>
        <label htmlFor="cardSerial">{text.cardSerial}</label>
        <span id="cardSerial-hint" className={styles.hint}>
          {text.cardSerialHint}
        </span>
        {errors.cardSerial ? (
          <span id="cardSerial-error" className={styles.fieldError}>
            <IdentifierText text={errors.cardSerial.message} />
          </span>
        ) : null}
        <input
          id="cardSerial"
          name="cardSerial"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={24}
          dir="ltr"
          defaultValue={state.values.cardSerial}
          key={`cs-${answerKey}`}
          aria-invalid={errors.cardSerial ? true : undefined}
          aria-describedby={describedBy('cardSerial', true)}
        />
      </div>

      <BirthDateFields
        labels={{ legend: text.birthDate, hint: text.birthDateHint, parts: text.parts }}
        order={text.partOrder}
        values={{ day: state.values.day, month: state.values.month, year: state.values.year }}
        error={errors.birthDate ? <IdentifierText text={errors.birthDate.message} /> : undefined}
        ids={{ input: 'birth', hint: 'birthDate-hint', error: 'birthDate-error' }}
        inputKey={answerKey}
        hintClassName={styles.hint}
        errorClassName={styles.fieldError}
      />

      <p className="note">{text.privacy}</p>
      <button type="submit" className="button primary" disabled={pending} data-testid="report-loss">
        {text.submit}
      </button>
    </form>
  );
}
