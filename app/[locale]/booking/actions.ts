'use server';
// Server actions of the booking pages, each through the one action wrapper
// (app/_lib/action.ts: form parsing, origin check, one failure shape). Each
// calls one use case of lib/proofing. They work with JavaScript off: the
// booking form's state comes back into the page it was posted from; moving
// and cancelling answer with a redirect.
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { formAction } from '@/app/_lib/action';
import { messageForCode } from '@/app/_lib/error-message';
import { seoulDay } from '@/lib/clock';
import { isLocale, type Locale } from '@/lib/i18n';
import { alternativesFor, bookingErrors, bookSlot, cancelBooking, isBookingSecret, rescheduleBooking } from '@/lib/proofing';
import { bookingClient, bookingDeps } from './_lib/deps';
import { slotTexts, type SlotText } from './_lib/display';
import { birthDateOfBoxes, checkIdentityFormat, DATE_BOXES, IDENTITY_FIELDS, type DateBox, type FieldProblems, type IdentityFacts } from './_lib/identity-format';

export type BookState = {
  /** What was typed, shown again (the date as its three boxes). */
  fields?: Partial<IdentityFacts & Record<DateBox, string>>;
  /** Badly written fields (checked before anything is looked up). */
  problems?: FieldProblems;
  /** A refusal from the booking itself, with its message in the reader's language. */
  error?: { code: string; message: string };
  /** The slot was taken (or closed) meanwhile: the next free times, to pick from right there. */
  alternatives?: SlotText[];
  /** Why alternatives are offered: the seat was just taken, or the time closed (or is gone). */
  alternativesBecause?: 'taken' | 'closed';
};

const text = (max: number) => z.string().max(max);

const bookInput = z.object({
  slotId: text(64),
  registrationNumber: text(40),
  cardSerial: text(40),
  /** YYYY-MM-DD from a client of its own; the form sends the three boxes below. */
  birthDate: text(20).optional(),
  day: text(6).optional(),
  month: text(6).optional(),
  year: text(8).optional(),
  locale: text(10).optional(),
});

function typed(fields: Record<string, string>): BookState['fields'] {
  const out: NonNullable<BookState['fields']> = {};
  for (const name of [...IDENTITY_FIELDS, ...DATE_BOXES]) if (typeof fields[name] === 'string') out[name] = fields[name].slice(0, 40);
  return out;
}

/**
 * Books the chosen slot for the resident the three facts name. Badly
 * written facts come back field by field, before any look-up; a slot taken
 * meanwhile comes back with the next free times; success goes to the
 * booking's own page.
 */
export const bookAction = formAction(
  {
    input: bookInput,
    failed: ({ code, message, fields }): BookState => ({ error: { code, message }, fields: typed(fields) }),
  },
  async (input, { locale, app }): Promise<BookState> => {
    const today = seoulDay(app.clock.now());
    const boxes = { day: input.day, month: input.month, year: input.year };
    const fromBoxes = DATE_BOXES.some((b) => boxes[b] !== undefined);
    const facts: IdentityFacts = {
      registrationNumber: input.registrationNumber,
      cardSerial: input.cardSerial,
      birthDate: fromBoxes ? birthDateOfBoxes(boxes, today) : (input.birthDate ?? ''),
    };
    // What was typed comes back as typed (the boxes, not the date made of them).
    const kept = { ...facts, ...(fromBoxes ? boxes : {}) };
    const problems = checkIdentityFormat(facts, today);
    if (Object.keys(problems).length > 0) return { fields: kept, problems };
    let link: string;
    try {
      const booked = await bookSlot(bookingDeps(app), {
        slotId: input.slotId,
        ...facts,
        locale,
        client: bookingClient(await headers()),
      });
      link = `/${locale}/booking/${booked.secret}?booked=1${booked.smsSent ? '' : '&sms=0'}`;
    } catch (error) {
      if (bookingErrors.is(error, 'slot_full') || bookingErrors.is(error, 'slot_closed') || bookingErrors.is(error, 'slot_unknown')) {
        const alternatives = await alternativesFor(app.db, app.clock, { slotId: input.slotId, language: locale, limit: 3 });
        return {
          fields: kept,
          error: { code: error.code, message: await messageForCode(locale, error.code, error.params) },
          alternatives: await slotTexts(locale, alternatives),
          alternativesBecause: bookingErrors.is(error, 'slot_full') ? 'taken' : 'closed',
        };
      }
      throw error;
    }
    redirect(link);
  },
);

/** Where a failed change of a booking goes back to: its own page (when the secret is well-formed), else the search. */
function backTo(locale: Locale, secret: unknown, page: '' | '/reschedule', code: string): never {
  const base = isBookingSecret(secret) ? `/${locale}/booking/${secret}${page}` : `/${locale}/booking`;
  redirect(`${base}?error=${encodeURIComponent(code)}`);
}

const localeOf = (value: unknown): Locale => (isLocale(value) ? value : 'en');

/** Moves the booking to another slot; its new page (new link) follows. */
export const rescheduleAction = formAction(
  {
    input: z.object({ secret: text(64), slotId: text(64), locale: text(10).optional() }),
    failed: ({ code, fields, locale }) => backTo(localeOf(fields.locale ?? locale), fields.secret, '/reschedule', code),
  },
  async (input, { locale, app }) => {
    const moved = await rescheduleBooking(bookingDeps(app), { secret: input.secret, slotId: input.slotId, locale });
    redirect(`/${locale}/booking/${moved.secret}?moved=1${moved.smsSent ? '' : '&sms=0'}`);
  },
);

/** Cancels the booking; its page then says so. */
export const cancelAction = formAction(
  {
    input: z.object({ secret: text(64), locale: text(10).optional() }),
    failed: ({ code, fields, locale }) => backTo(localeOf(fields.locale ?? locale), fields.secret, '', code),
  },
  async (input, { locale, app }) => {
    await cancelBooking(bookingDeps(app), { secret: input.secret });
    redirect(`/${locale}/booking/${input.secret}?cancelled=1`);
  },
);
