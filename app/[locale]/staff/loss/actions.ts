'use server';
// The officer's loss report, one action for its two forms: intent=find
// looks the resident up (lib/proofing's audited officer look-up) and says
// whether a mobile card is active; intent=lock looks the same registration
// number up again and locks for the resident THAT finds — never for an id
// the browser holds — once the officer ticked both checks.
import { z } from 'zod';
import { formAction } from '@/app/_lib/action';
import { messageForCode } from '@/app/_lib/error-message';
import type { AppContext } from '@/lib/context';
import { coreErrors } from '@/lib/errors';
import { formatDate, formatDateTime, type Locale } from '@/lib/i18n';
import { lossErrors, mobileCardsOf, reportLossByOfficer } from '@/lib/loss';
import { findResidentForOfficer } from '@/lib/proofing';
import type { OfficerLossState, OfficerLossResident } from './state';

const registrationNumber = z.string().trim().min(1).max(40);
const input = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('find'), registrationNumber }),
  z.object({
    intent: z.literal('lock'),
    registrationNumber,
    /** The resident on the officer's screen: must be the one the look-up finds again. */
    residentId: z.coerce.number().int().positive().max(2 ** 31 - 1),
    checkedWho: z.literal('on').optional(),
    checkedAsked: z.literal('on').optional(),
  }),
]);

/** The audited look-up, and the resident's mobile cards, as the page shows them. Personal data: never logged. */
async function residentView(app: AppContext, locale: Locale, officerId: string, number: string): Promise<OfficerLossResident> {
  const view = await findResidentForOfficer(app.db, app.clock, app.keys, { officerId, registrationNumber: number });
  const cards = await mobileCardsOf(app.db, view.residentId);
  let nationality = view.nationality;
  try {
    nationality = new Intl.DisplayNames([locale], { type: 'region' }).of(view.nationality) ?? view.nationality;
  } catch {
    // A runtime without this locale's region names: the code.
  }
  return {
    residentId: view.residentId,
    name: view.name,
    registrationNumber: view.registrationNumber,
    birthDate: formatDate(locale, `${view.birthDate}T12:00:00+09:00`),
    nationality,
    cardSerial: view.card?.serial ?? null,
    active: cards.active,
    locked: cards.locked,
    lastReport: cards.lastReport ? { reference: cards.lastReport.reference, at: formatDateTime(locale, cards.lastReport.reportedAt, 'medium') } : null,
  };
}

export const officerLossAction = formAction(
  {
    input,
    staff: ['officer'],
    failed: ({ message, fields }): OfficerLossState => ({
      error: message,
      ...(typeof fields.registrationNumber === 'string' ? { registrationNumber: fields.registrationNumber.slice(0, 40) } : {}),
    }),
  },
  async (form, { locale, app, staff }): Promise<OfficerLossState> => {
    if (!staff) throw coreErrors.create('unauthorized');
    const resident = await residentView(app, locale, staff.staffId, form.registrationNumber);
    const kept = { resident, registrationNumber: form.registrationNumber };
    if (form.intent === 'find') return kept;

    if (resident.residentId !== form.residentId) throw coreErrors.create('invalid_input', { fields: 'residentId' });
    if (!form.checkedWho || !form.checkedAsked) return { ...kept, error: await messageForCode(locale, lossErrors.code('checks_missing')) };
    const report = await reportLossByOfficer(app, { officerId: staff.staffId, residentId: resident.residentId, locale });
    return { ...kept, locked: report };
  },
);
