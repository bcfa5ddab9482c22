'use server';
// The loss report form, posted to this action (with or without JavaScript:
// useActionState renders its answer on the server when scripts are off).
// Form errors come back field by field with what was typed, and spend no
// try; a report the use case takes goes on to the confirmation page with
// its reference, whether or not the details matched a card.
import { randomUUID } from 'node:crypto';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { formAction } from '@/app/_lib/action';
import { messageForCode } from '@/app/_lib/error-message';
import { seoulDay } from '@/lib/clock';
import type { Locale } from '@/lib/i18n';
import { clientAddressFrom } from '@/lib/limits';
import { checkLossDetails, LOSS_FIELDS, reportLoss, type LossField, type LossFieldCode } from '@/lib/loss';
import { emptyValues, type LossFormState, type LossFormValues } from './_components/form-state';

const text = z.string().max(200).optional();
const input = z.object({
  locale: z.string().max(10).optional(),
  registrationNumber: text,
  cardSerial: text,
  day: text,
  month: text,
  year: text,
});

/** What was typed, to show again (each field cut to what its input takes). */
function valuesOf(fields: Partial<Record<keyof LossFormValues, string | undefined>>): LossFormValues {
  const out = { ...emptyValues };
  for (const key of Object.keys(out) as (keyof LossFormValues)[]) {
    const value = fields[key];
    if (typeof value === 'string') out[key] = value.slice(0, key === 'day' || key === 'month' ? 4 : key === 'year' ? 6 : 30);
  }
  return out;
}

async function fieldErrors(locale: Locale, errors: Partial<Record<LossField, LossFieldCode>>): Promise<LossFormState['fieldErrors']> {
  const out: LossFormState['fieldErrors'] = {};
  for (const field of LOSS_FIELDS) {
    const code = errors[field];
    if (code) out[field] = { code, message: await messageForCode(locale, code) };
  }
  return out;
}

export const reportLossAction = formAction(
  {
    input,
    failed: ({ code, message, fields }): LossFormState => ({ values: valuesOf(fields), fieldErrors: {}, failure: { code, message }, answer: randomUUID() }),
  },
  async (form, { locale, app }): Promise<LossFormState> => {
    const values = valuesOf(form);
    const birthDate = { day: form.day, month: form.month, year: form.year };
    // Checked here first, so that every wrong field is named at once (the use case names the first).
    const checked = checkLossDetails({ registrationNumber: form.registrationNumber, cardSerial: form.cardSerial, birthDate }, seoulDay(app.clock.now()));
    if (!checked.ok) return { values, fieldErrors: await fieldErrors(locale, checked.errors), answer: randomUUID() };
    const { reference } = await reportLoss(app, {
      registrationNumber: form.registrationNumber ?? '',
      cardSerial: form.cardSerial ?? '',
      birthDate,
      locale,
      client: clientAddressFrom(await headers()),
    });
    redirect(`/${locale}/loss/done?ref=${encodeURIComponent(reference)}`);
  },
);
