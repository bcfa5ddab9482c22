// The loss form's state between the page, its client component and the
// server action (no server-only imports: the browser bundle carries it).
import type { LossField } from '@/lib/loss';

export type LossFormValues = { registrationNumber: string; cardSerial: string; day: string; month: string; year: string };

export const emptyValues: LossFormValues = { registrationNumber: '', cardSerial: '', day: '', month: '', year: '' };

export type LossFormState = {
  /** What was typed, shown again after any answer. */
  values: LossFormValues;
  /** Which fields are wrong: the typed code and its message in the reader's language. */
  fieldErrors: Partial<Record<LossField, { code: string; message: string }>>;
  /** A refusal not about one field: too many tries, the service busy, a broken post. */
  failure?: { code: string; message: string };
  /** A fresh id per answer, so the page moves the focus again even when the answer is the same. */
  answer?: string;
};

export const initialLossFormState: LossFormState = { values: emptyValues, fieldErrors: {} };
