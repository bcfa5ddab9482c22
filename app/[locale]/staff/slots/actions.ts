'use server';
// Server actions of the officer's appointment times, through the one action
// wrapper (officer role, origin check, one failure shape): publish a slot,
// cancel one (its residents are told by SMS).
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { formAction } from '@/app/_lib/action';
import { coreErrors } from '@/lib/errors';
import { isLocale, type Locale } from '@/lib/i18n';
import { SLOT_CAPACITY, SLOT_KINDS, SLOT_MINUTES, cancelSlotAndTell, publishSlot, seoulInstant } from '@/lib/proofing';
import type { StaffPrincipal } from '@/lib/staff';
import { bookingDeps } from '../../booking/_lib/deps';

function signedIn(staff: StaffPrincipal | undefined): StaffPrincipal {
  if (!staff) throw coreErrors.create('unauthorized');
  return staff;
}

export type PublishState = {
  error?: { code: string; message: string };
  /** What was filled in, shown again after a refusal. */
  fields?: Record<string, string | string[]>;
};

const text = (max: number) => z.string().trim().max(max);

const publishInput = z.object({
  kind: z.enum(SLOT_KINDS),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  time: z.string().regex(/^\d{2}:\d{2}$/),
  minutes: z.coerce.number().int().min(SLOT_MINUTES.min).max(SLOT_MINUTES.max),
  capacity: z.coerce.number().int().min(SLOT_CAPACITY.min).max(SLOT_CAPACITY.max),
  /** Comma-separated locale codes (the checkboxes, joined by the form; also accepted one field per language). */
  languages: text(200).optional(),
  interpreter: z.literal('on').optional(),
  office: text(40).optional(),
  venue: text(200).optional(),
  host: text(120).optional(),
  locale: text(10).optional(),
});

/** The form's fields as typed, languages as a list, for showing them again. */
function typedFields(fields: Record<string, string>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (k.startsWith('$') || k === 'locale') continue;
    if (k.startsWith('lang_')) out.languages = [...((out.languages as string[]) ?? []), k.slice(5)];
    else out[k] = v.slice(0, 200);
  }
  return out;
}

/**
 * Publishes a slot from the officer's form. The language checkboxes are
 * named lang_<code> (so each one is its own field, and the fuzz and the
 * form agree on one shape); the wrapper's schema sees them as extra keys.
 */
export const publishSlotAction = formAction(
  {
    input: publishInput.loose(),
    staff: ['officer'],
    failed: ({ code, message, fields }): PublishState => ({ error: { code, message }, fields: typedFields(fields) }),
  },
  async (input, { locale, app, staff }): Promise<PublishState> => {
    const officer = signedIn(staff);
    const startsAt = seoulInstant(input.date, input.time);
    if (!startsAt) throw coreErrors.create('invalid_input', { fields: 'date' });
    const fromBoxes = Object.keys(input).filter((k) => k.startsWith('lang_')).map((k) => k.slice(5));
    const languages = [...new Set([...fromBoxes, ...(input.languages ? input.languages.split(',') : [])].map((l) => l.trim()).filter(Boolean))];
    const slot = await publishSlot(app.db, app.clock, {
      officerId: officer.staffId,
      kind: input.kind,
      startsAt,
      minutes: input.minutes,
      capacity: input.capacity,
      languages,
      interpreter: input.interpreter === 'on',
      place: input.kind === 'office' ? input.office : input.kind === 'community' ? input.venue : null,
      host: input.kind === 'community' ? input.host : null,
    });
    redirect(`/${locale}/staff/slots?published=${slot.id}#slot-${slot.id}`);
  },
);

const localeOf = (value: unknown, fallback: Locale): Locale => (isLocale(value) ? value : fallback);

/** Cancels one of the officer's own slots; the residents who booked it get an SMS. */
export const cancelSlotAction = formAction(
  {
    input: z.object({ slotId: z.uuid(), locale: text(10).optional() }),
    staff: ['officer'],
    failed: ({ locale, code, fields }) => redirect(`/${localeOf(fields.locale, locale)}/staff/slots?error=${encodeURIComponent(code)}`),
  },
  async (input, { locale, app, staff }) => {
    const officer = signedIn(staff);
    const result = await cancelSlotAndTell(bookingDeps(app), { officerId: officer.staffId, slotId: input.slotId });
    redirect(`/${locale}/staff/slots?cancelled=${result.cancelled.length}`);
  },
);
