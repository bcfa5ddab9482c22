'use server';
// Server actions of the staff pages, each through the one action wrapper
// (app/_lib/action.ts), which parses the form, checks the origin and the
// staff session and role it names, and turns any failure into the action's
// `failed` answer. Each then calls one use case.
import QRCode from 'qrcode';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { formAction } from '@/app/_lib/action';
import { messageForCode } from '@/app/_lib/error-message';
import { translatorFor } from '@/app/_lib/messages';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from '@/app/_lib/session-cookie';
import { getAppContext, type AppContext } from '@/lib/context';
import { coreErrors } from '@/lib/errors';
import { formatTime, type Locale } from '@/lib/i18n';
import { countActiveCredentials } from '@/lib/passkeys';
import { createOfficeGrant, findResidentForOfficer, openBookedVisit, proofingErrors } from '@/lib/proofing';
import { STAFF_SESSION_TTL_MS } from '@/lib/security';
import { changeStaffRole, demoSignIn, inviteStaff, signOutStaff, STAFF_ROLES, type StaffPrincipal } from '@/lib/staff';

const roleField = z.enum(STAFF_ROLES);

/** The member the wrapper signed in (every action that names roles gets one). */
function signedIn(staff: StaffPrincipal | undefined): StaffPrincipal {
  if (!staff) throw coreErrors.create('unauthorized');
  return staff;
}

// ---------------------------------------------------------------- session

/** Ends the session, drops the cookie and goes to the sign-in page. */
async function leave(locale: Locale, app: AppContext): Promise<never> {
  await signOutStaff(app.db, app.clock, await readSessionCookie('staff'));
  await clearSessionCookie('staff');
  redirect(`/${locale}/staff/sign-in`);
}

export const signOutAction = formAction(
  {
    input: z.object({}),
    // Whatever went wrong (a broken form, the database), the person asked to
    // leave: the session ends if the database answers, the cookie goes, and so do they.
    failed: async ({ locale }) => {
      const app = await getAppContext().catch(() => undefined);
      if (app) await signOutStaff(app.db, app.clock, await readSessionCookie('staff')).catch(() => {});
      await clearSessionCookie('staff');
      redirect(`/${locale}/staff/sign-in`);
    },
  },
  (_input, { locale, app }) => leave(locale, app),
);

/** Demo only (the wrapper's demoOnly, and lib/staff refuses it outside a demo database run as the demo). */
export const demoSignInAction = formAction(
  {
    input: z.object({ role: roleField }),
    demoOnly: true,
    failed: ({ locale, code }) => redirect(`/${locale}/staff/demo?error=${encodeURIComponent(code)}`),
  },
  async ({ role }, { locale, app }) => {
    const { sessionToken } = await demoSignIn(app.db, app.clock, app.config, { role, previousToken: await readSessionCookie('staff') });
    await setSessionCookie('staff', sessionToken, STAFF_SESSION_TTL_MS);
    redirect(`/${locale}/staff`);
  },
);

// ---------------------------------------------------------------- admin

export type InviteState =
  | { status: 'idle' }
  | { status: 'error'; message: string; fields?: Record<string, string> }
  | { status: 'done'; link: string; expiresAt: string; message: string };

export const inviteStaffAction = formAction(
  {
    input: z.object({
      displayName: z.string().trim().min(1).max(100),
      handle: z.string().trim().min(3).max(120),
      role: roleField,
    }),
    staff: ['admin'],
    // What was typed comes back with the error, so nothing is retyped.
    failed: ({ message, fields }): InviteState => ({ status: 'error', message, fields: { displayName: fields.displayName ?? '', handle: fields.handle ?? '', role: fields.role ?? '' } }),
  },
  async (input, { locale, app, staff }): Promise<InviteState> => {
    const admin = signedIn(staff);
    const invite = await inviteStaff(app.db, app.clock, app.keys, { actorId: admin.staffId, ...input });
    const t = await translatorFor(locale, 'staff');
    return {
      status: 'done',
      link: `${app.config.origins[0]}/${locale}/staff/invite/${invite.token}`,
      expiresAt: t('admin.inviteExpires', { at: invite.expiresAt, time: formatTime(locale, invite.expiresAt) }),
      message: t('admin.inviteDone', { name: input.displayName }),
    };
  },
);

export const changeRoleAction = formAction(
  {
    input: z.object({ staffId: z.uuid(), role: roleField }),
    staff: ['admin'],
    failed: ({ locale, code }) => redirect(`/${locale}/staff/admin?error=${encodeURIComponent(code)}`),
  },
  async (input, { locale, app, staff }) => {
    const admin = signedIn(staff);
    await changeStaffRole(app.db, app.clock, { actorId: admin.staffId, staffId: input.staffId, role: input.role });
    redirect(`/${locale}/staff/admin?changed=1`);
  },
);

// ---------------------------------------------------------------- officer

export type ResidentFacts = {
  residentId: number;
  name: string;
  facts: Array<{ label: string; value: string }>;
  eligible: boolean;
  eligibility: string;
  /** The resident's preferred language (a locale code when ARC Mobile has it). */
  language: string;
  /** The resident has a mobile card on a phone now: issuing moves it (the desk warns and asks for a tick). */
  hasActiveCard: boolean;
};

export type OfficerState = {
  resident?: ResidentFacts;
  /** What the officer typed: the issue step looks the resident up again with it. */
  registrationNumber?: string;
  grant?: { qrSvg: string; shortCode: string; url: string; validUntil: string };
  /** The booked in-person visit the look-up started from (the officer's slots page links here with it). */
  visit?: { bookingId: string; reference?: string };
  error?: string;
  /** The form the error answers: the booked visit's look-up, or the number typed in (said once, under its own form). */
  errorFrom?: 'visit' | 'find';
};

/** The officer's audited look-up (lib/proofing), as the desk shows it. */
async function residentFacts(app: AppContext, locale: Locale, officerId: string, registrationNumber: string): Promise<ResidentFacts> {
  const view = await findResidentForOfficer(app.db, app.clock, app.keys, { officerId, registrationNumber });
  const t = await translatorFor(locale, 'staff.officer');
  const day = (d: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));
  let country = view.nationality;
  try {
    country = new Intl.DisplayNames([locale], { type: 'region' }).of(view.nationality) ?? view.nationality;
  } catch {}
  const facts = [
    { label: t('registrationNumber'), value: view.registrationNumber },
    { label: t('nationality'), value: country },
    { label: t('birthDate'), value: day(view.birthDate) },
    { label: t('residenceStatus'), value: view.residenceStatus },
  ];
  if (view.card) {
    facts.push(
      { label: t('cardKind'), value: t(view.card.kind === 'chip' ? 'cardChip' : 'cardLegacy') },
      { label: t('cardSerial'), value: view.card.serial },
      { label: t('cardValidity'), value: t('cardValidRange', { from: day(view.card.issuedOn), until: day(view.card.expiresOn) }) },
      { label: t('cardStatus'), value: t(`validity.${view.card.validity}`) },
    );
  } else {
    facts.push({ label: t('cardKind'), value: t('noCard') });
  }
  const e = view.eligibility;
  const eligibility = e.eligible
    ? t(e.cardKind === 'chip' ? 'eligibleChip' : 'eligibleLegacy')
    : t('notEligible', { reasons: e.reasons.map((r) => t(`reasons.${r}`)).join(' · ') });
  const hasActiveCard = (await countActiveCredentials(app.db, view.residentId)) > 0;
  return { residentId: view.residentId, name: view.name, facts, eligible: e.eligible, eligibility, language: view.preferredLanguage, hasActiveCard };
}

const registrationNumberField = z.string().trim().min(1).max(40);

const deskInput = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('find'), registrationNumber: registrationNumberField }),
  /** A booked office visit or community day of today: lib/proofing opens it (audited) and the desk looks the resident up as for find. */
  z.object({ intent: z.literal('visit'), bookingId: z.uuid() }),
  z.object({
    intent: z.literal('issue'),
    registrationNumber: registrationNumberField,
    /** The resident on the officer's screen: must be the one the look-up finds again. */
    residentId: z.coerce.number().int().positive().max(2 ** 31 - 1),
    photoMatches: z.literal('on').optional(),
    cardGenuine: z.literal('on').optional(),
    /** The officer told the resident that the card on their current phone moves (needed when they have one). */
    moveCard: z.literal('on').optional(),
    /** The booked visit this check comes from: it is marked done with the grant. */
    bookingId: z.uuid().optional(),
  }),
]);

/**
 * The officer's desk, one action for its two forms (so each step sees the
 * last). intent=find looks a resident up (audited, in lib/proofing);
 * intent=issue looks the same registration number up again, through the
 * same audited look-up, and issues the grant for the resident THAT finds —
 * never for an id the browser holds, so an edited form or a forged previous
 * state cannot get a grant for anyone the officer did not look up.
 */
export const officerDeskAction = formAction(
  {
    input: deskInput,
    staff: ['officer'],
    failed: ({ message, fields }): OfficerState => ({
      error: message,
      errorFrom: fields.intent === 'visit' ? 'visit' : 'find',
      ...(typeof fields.registrationNumber === 'string' ? { registrationNumber: fields.registrationNumber.slice(0, 40) } : {}),
    }),
  },
  async (input, { locale, app, staff }): Promise<OfficerState> => {
    const officer = signedIn(staff);
    if (input.intent === 'visit') {
      const visit = await openBookedVisit(app.db, app.clock, app.keys, { officerId: officer.staffId, bookingId: input.bookingId });
      const resident = await residentFacts(app, locale, officer.staffId, visit.registrationNumber);
      return { resident, registrationNumber: visit.registrationNumber, visit: { bookingId: visit.bookingId, reference: visit.reference } };
    }
    const registrationNumber = input.registrationNumber;
    const resident = await residentFacts(app, locale, officer.staffId, registrationNumber);
    if (input.intent === 'find') return { resident, registrationNumber };

    if (resident.residentId !== input.residentId) throw coreErrors.create('invalid_input', { fields: 'residentId' });
    const visit = input.bookingId ? { visit: { bookingId: input.bookingId } } : {};
    if (!input.photoMatches || !input.cardGenuine || (resident.hasActiveCard && !input.moveCard)) {
      return { resident, registrationNumber, ...visit, error: await messageForCode(locale, proofingErrors.code('checks_missing')) };
    }
    const grant = await createOfficeGrant(app.db, app.clock, {
      residentId: resident.residentId,
      officerId: officer.staffId,
      checks: { photoMatches: true, cardGenuine: true },
      bookingId: input.bookingId,
    });
    // No language in the address: the resident's phone opens it in the language it chose
    // (the remembered NEXT_LOCALE, else Accept-Language; proxy.ts), not one guessed from the record.
    const url = `${app.config.origins[0]}/enroll/office?g=${grant.code}`;
    const t = await translatorFor(locale, 'staff.officer');
    const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { resident, registrationNumber, grant: { qrSvg, shortCode: grant.shortCode, url, validUntil: t('validUntil', { time: formatTime(locale, grant.expiresAt) }) } };
  },
);
