'use server';
// Server actions of the staff pages. Each parses its form with zod, passes
// the one staff guard (requireStaffAction) with the roles it allows, calls
// one use case, and maps an AppError to a localised message.
import QRCode from 'qrcode';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from '@/app/_lib/session-cookie';
import { getAppContext } from '@/lib/context';
import { coreErrors, toAppError } from '@/lib/errors';
import { isLocale, type Locale } from '@/lib/i18n/locales';
import { createOfficeGrant, findResidentForOfficer, proofingErrors } from '@/lib/proofing';
import { STAFF_SESSION_TTL_MS } from '@/lib/security/sessions';
import { changeStaffRole, demoSignIn, inviteStaff, signOutStaff, STAFF_ROLES } from '@/lib/staff';
import { requireStaffAction } from './_lib/guard';
import { errorMessage } from './_lib/messages';

const localeField = z.string().refine(isLocale).transform((l) => l as Locale);
const roleField = z.enum(STAFF_ROLES);

function localeOf(form: FormData): Locale {
  const l = form.get('locale');
  return typeof l === 'string' && isLocale(l) ? l : 'en';
}

function parse<S extends z.ZodType>(schema: S, form: FormData): z.infer<S> {
  const parsed = schema.safeParse(Object.fromEntries(form));
  if (!parsed.success) throw coreErrors.create('invalid_input');
  return parsed.data;
}

// ---------------------------------------------------------------- session

export async function signOutAction(form: FormData): Promise<void> {
  const locale = localeOf(form);
  const { db, clock } = await getAppContext();
  await signOutStaff(db, clock, await readSessionCookie('staff'));
  await clearSessionCookie('staff');
  redirect(`/${locale}/staff/sign-in`);
}

/** Demo only: lib/staff refuses it (demo_unavailable) outside a demo database run as the demo. */
export async function demoSignInAction(form: FormData): Promise<void> {
  const { locale, role } = parse(z.object({ locale: localeField, role: roleField }), form);
  const { db, clock, config } = await getAppContext();
  const { sessionToken } = await demoSignIn(db, clock, config, { role });
  await setSessionCookie('staff', sessionToken, STAFF_SESSION_TTL_MS);
  redirect(`/${locale}/staff`);
}

// ---------------------------------------------------------------- admin

export type InviteState =
  | { status: 'idle' }
  | { status: 'error'; message: string }
  | { status: 'done'; link: string; expiresAt: string; message: string };

const inviteSchema = z.object({
  locale: localeField,
  displayName: z.string().trim().min(1).max(100),
  handle: z.string().trim().min(3).max(120),
  role: roleField,
});

export async function inviteStaffAction(_prev: InviteState, form: FormData): Promise<InviteState> {
  const locale = localeOf(form);
  try {
    const admin = await requireStaffAction(['admin']);
    const input = parse(inviteSchema, form);
    const { db, clock, keys, config } = await getAppContext();
    const invite = await inviteStaff(db, clock, keys, { actorId: admin.staffId, ...input });
    const t = await getTranslations({ locale, namespace: 'staff' });
    return {
      status: 'done',
      link: `${config.origins[0]}/${locale}/staff/invite/${invite.token}`,
      expiresAt: t('admin.inviteExpires', { at: invite.expiresAt }),
      message: t('admin.inviteDone', { name: input.displayName }),
    };
  } catch (error) {
    return { status: 'error', message: await errorMessage(locale, error) };
  }
}

export async function changeRoleAction(form: FormData): Promise<void> {
  const locale = localeOf(form);
  let outcome: string;
  try {
    const admin = await requireStaffAction(['admin']);
    const input = parse(z.object({ staffId: z.uuid(), role: roleField }), form);
    const { db, clock } = await getAppContext();
    await changeStaffRole(db, clock, { actorId: admin.staffId, staffId: input.staffId, role: input.role });
    outcome = 'changed=1';
  } catch (error) {
    outcome = `error=${encodeURIComponent(toAppError(error).code)}`;
  }
  redirect(`/${locale}/staff/admin?${outcome}`);
}

// ---------------------------------------------------------------- officer

export type ResidentFacts = {
  residentId: number;
  name: string;
  facts: Array<{ label: string; value: string }>;
  eligible: boolean;
  eligibility: string;
  /** The resident's preferred language (a locale code when ARC Mobile has it). */
  language: string;
};

export type OfficerState = {
  resident?: ResidentFacts;
  /** What the officer typed, to look the resident up again after issuing. */
  registrationNumber?: string;
  grant?: { qrSvg: string; shortCode: string; url: string; validUntil: string };
  error?: string;
};

async function residentFacts(locale: Locale, officerId: string, registrationNumber: string): Promise<ResidentFacts> {
  const { db, clock, keys } = await getAppContext();
  const view = await findResidentForOfficer(db, clock, keys, { officerId, registrationNumber });
  const t = await getTranslations({ locale, namespace: 'staff.officer' });
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
  return { residentId: view.residentId, name: view.name, facts, eligible: e.eligible, eligibility, language: view.preferredLanguage };
}

/**
 * The officer's desk, one action for its two forms (so each step sees the
 * last): intent=find looks a resident up, intent=issue issues the grant
 * for the resident on screen and renders the QR.
 */
export async function officerDeskAction(prev: OfficerState, form: FormData): Promise<OfficerState> {
  const locale = localeOf(form);
  const keep = { resident: prev.resident, registrationNumber: prev.registrationNumber };
  try {
    const officer = await requireStaffAction(['officer']);
    if (form.get('intent') === 'issue') return await issueGrant(locale, officer.staffId, prev, form);
    const { registrationNumber } = parse(z.object({ registrationNumber: z.string().trim().min(1).max(40) }), form);
    return { resident: await residentFacts(locale, officer.staffId, registrationNumber), registrationNumber };
  } catch (error) {
    return form.get('intent') === 'issue' ? { ...keep, error: await errorMessage(locale, error) } : { error: await errorMessage(locale, error) };
  }
}

const grantSchema = z.object({
  residentId: z.coerce.number().int().positive(),
  photoMatches: z.literal('on'),
  cardGenuine: z.literal('on'),
});

async function issueGrant(locale: Locale, officerId: string, prev: OfficerState, form: FormData): Promise<OfficerState> {
  const parsed = grantSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) throw proofingErrors.create('checks_missing');
  if (!prev.resident || prev.resident.residentId !== parsed.data.residentId) throw coreErrors.create('invalid_input');
  const { db, clock, config } = await getAppContext();
  const grant = await createOfficeGrant(db, clock, {
    residentId: parsed.data.residentId,
    officerId,
    checks: { photoMatches: true, cardGenuine: true },
  });
  // The enrollment page opens in the resident's own language when ARC Mobile speaks it.
  const residentLocale = isLocale(prev.resident.language) ? prev.resident.language : locale;
  const url = `${config.origins[0]}/${residentLocale}/enroll/office?g=${grant.code}`;
  const t = await getTranslations({ locale, namespace: 'staff.officer' });
  const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return {
    resident: prev.resident,
    registrationNumber: prev.registrationNumber,
    grant: { qrSvg, shortCode: grant.shortCode, url, validUntil: t('validUntil', { at: grant.expiresAt }) },
  };
}
