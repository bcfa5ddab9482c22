// Community days: a partner asks for an identity-check day at its venue
// (the booking engine's slot kind 'community'); an officer schedules it,
// which publishes the slot residents then book, or declines it. The note is
// sealed at rest: a partner may name a contact person in it.
import { and, asc, desc, eq } from 'drizzle-orm';
import { communityDayRequests, partners, type CommunityDayRequest, type CommunityDayStatus } from '@/db/schema';
import type { Db, Executor } from '@/db/client';
import { isCalendarDay, seoulDay, type Clock } from '@/lib/clock';
import { recordAudit } from '@/lib/audit';
import { isLocale, type Locale } from '@/lib/i18n';
import { publishSlot, type SlotView } from '@/lib/proofing';
import { decryptField, encryptField, type DataKeys } from '@/lib/security';
import { activeStaffRole } from '@/lib/staff';
import { outreachErrors } from './errors';
import { checkLanguages, partnerOf } from './partners';

const NOTE_AAD = 'community_day_requests.note';
export const COMMUNITY_DAY_LIMITS = {
  venue: 80,
  address: 115,
  note: 1000,
  people: { min: 1, max: 5000 },
  dates: 3,
  /** Preferred days lie between tomorrow and this many days ahead (as slots are published at most 180 days ahead). */
  daysAhead: 180,
} as const;

export type CommunityDayRequestView = {
  id: string;
  partnerId: string;
  partnerName: string;
  venue: string;
  address: string;
  preferredDates: string[];
  languages: Locale[];
  expectedPeople: number;
  note: string | null;
  status: CommunityDayStatus;
  slotId: string | null;
  createdAt: Date;
  decidedAt: Date | null;
};

function requestView(keys: DataKeys, row: CommunityDayRequest, partnerName: string): CommunityDayRequestView {
  return {
    id: row.id,
    partnerId: row.partnerId,
    partnerName,
    venue: row.venue,
    address: row.address,
    preferredDates: [...row.preferredDates].sort(),
    languages: row.languages.filter(isLocale),
    expectedPeople: row.expectedPeople,
    note: row.noteEnc ? decryptField(keys, row.noteEnc, NOTE_AAD) : null,
    status: row.status,
    slotId: row.slotId,
    createdAt: row.createdAt,
    decidedAt: row.decidedAt,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function plainText(value: string, max: number, code: 'venue_invalid' | 'address_invalid'): string {
  const text = value.trim().replace(/\s+/g, ' ');
  // eslint-disable-next-line no-control-regex
  if (text.length < 2 || text.length > max || /[\u0000-\u001f\u007f]/.test(text)) throw outreachErrors.create(code);
  return text;
}

/** Days in Korea, from tomorrow to 180 days ahead, each once, sorted; one to three of them. */
export function checkPreferredDates(clock: Clock, values: readonly string[]): string[] {
  const today = seoulDay(clock.now());
  const last = seoulDay(new Date(clock.now().getTime() + COMMUNITY_DAY_LIMITS.daysAhead * 86_400_000));
  const days = [...new Set(values.map((v) => v.trim()).filter(Boolean))].sort();
  if (days.length < 1 || days.length > COMMUNITY_DAY_LIMITS.dates || days.some((d) => !isCalendarDay(d) || d <= today || d > last)) {
    throw outreachErrors.create('dates_invalid', { days: COMMUNITY_DAY_LIMITS.daysAhead });
  }
  return days;
}

export type NewCommunityDayRequest = {
  venue: string;
  address: string;
  preferredDates: readonly string[];
  languages: readonly string[];
  expectedPeople: number;
  note?: string | null;
};

/** A partner asks for a community day at its venue. Audited (community_day.requested). */
export async function requestCommunityDay(
  db: Db,
  clock: Clock,
  keys: DataKeys,
  input: NewCommunityDayRequest & { staffId: string },
): Promise<CommunityDayRequestView> {
  const venue = plainText(input.venue, COMMUNITY_DAY_LIMITS.venue, 'venue_invalid');
  const address = plainText(input.address, COMMUNITY_DAY_LIMITS.address, 'address_invalid');
  const preferredDates = checkPreferredDates(clock, input.preferredDates);
  const languages = checkLanguages(input.languages);
  const people = input.expectedPeople;
  if (!Number.isInteger(people) || people < COMMUNITY_DAY_LIMITS.people.min || people > COMMUNITY_DAY_LIMITS.people.max) {
    throw outreachErrors.create('people_invalid', { max: COMMUNITY_DAY_LIMITS.people.max });
  }
  const note = input.note?.trim() || null;
  if (note && note.length > COMMUNITY_DAY_LIMITS.note) throw outreachErrors.create('note_too_long', { max: COMMUNITY_DAY_LIMITS.note });
  return db.transaction(async (tx) => {
    const partner = await partnerOf(tx, input.staffId);
    const [row] = await tx
      .insert(communityDayRequests)
      .values({
        partnerId: partner.id,
        venue,
        address,
        preferredDates,
        languages,
        expectedPeople: people,
        noteEnc: note ? encryptField(keys, note, NOTE_AAD) : null,
        requestedBy: input.staffId,
        createdAt: clock.now(),
      })
      .returning();
    await recordAudit(tx, clock, {
      actor: { kind: 'staff', id: input.staffId },
      action: 'community_day.requested',
      subject: { kind: 'community_day_request', id: row!.id },
      detail: { partnerId: partner.id, dates: preferredDates, languages, expectedPeople: people },
    });
    return requestView(keys, row!, partner.name);
  });
}

/** The caller's organisation's own requests, newest first. */
export async function listOwnCommunityDayRequests(db: Executor, keys: DataKeys, input: { staffId: string }): Promise<CommunityDayRequestView[]> {
  const partner = await partnerOf(db, input.staffId);
  const rows = await db
    .select()
    .from(communityDayRequests)
    .where(eq(communityDayRequests.partnerId, partner.id))
    .orderBy(desc(communityDayRequests.createdAt), desc(communityDayRequests.id));
  return rows.map((r) => requestView(keys, r, partner.name));
}

async function requireRole(db: Executor, staffId: string, roles: readonly string[]): Promise<void> {
  const role = await activeStaffRole(db, staffId);
  if (!role || !roles.includes(role)) throw outreachErrors.create('officers_only');
}

/** Every organisation's requests, for officers and admins: open ones first (oldest first), then decided ones. */
export async function listCommunityDayRequests(db: Executor, keys: DataKeys, input: { staffId: string }): Promise<CommunityDayRequestView[]> {
  await requireRole(db, input.staffId, ['officer', 'admin']);
  const rows = await db
    .select({ request: communityDayRequests, partnerName: partners.name })
    .from(communityDayRequests)
    .innerJoin(partners, eq(partners.id, communityDayRequests.partnerId))
    .orderBy(asc(communityDayRequests.createdAt), asc(communityDayRequests.id));
  const open = rows.filter((r) => r.request.status === 'requested');
  const decided = rows.filter((r) => r.request.status !== 'requested').reverse();
  return [...open, ...decided].map((r) => requestView(keys, r.request, r.partnerName));
}

async function lockOpenRequest(tx: Executor, requestId: string): Promise<{ request: CommunityDayRequest; partnerName: string }> {
  if (!UUID.test(requestId)) throw outreachErrors.create('request_unknown');
  const [row] = await tx
    .select({ request: communityDayRequests, partnerName: partners.name })
    .from(communityDayRequests)
    .innerJoin(partners, eq(partners.id, communityDayRequests.partnerId))
    .where(eq(communityDayRequests.id, requestId))
    .for('update', { of: communityDayRequests });
  if (!row) throw outreachErrors.create('request_unknown');
  if (row.request.status !== 'requested') throw outreachErrors.create('request_closed');
  return row;
}

/**
 * An officer turns a request into a published community-day slot (lib/proofing's
 * publishSlot: kind 'community', host = the organisation's name, place = the
 * venue and its address, the request's languages), in one transaction with
 * the request's new status and its audit entry: either both happen or neither.
 */
export async function scheduleCommunityDay(
  db: Db,
  clock: Clock,
  keys: DataKeys,
  input: { officerId: string; requestId: string; startsAt: Date; minutes: number; capacity: number },
): Promise<{ request: CommunityDayRequestView; slot: SlotView }> {
  return db.transaction(async (tx) => {
    const { request, partnerName } = await lockOpenRequest(tx, input.requestId);
    // publishSlot checks the officer, the time and the seats, and writes slot.published; it runs in a savepoint of this transaction.
    const slot = await publishSlot(tx as unknown as Db, clock, {
      officerId: input.officerId,
      kind: 'community',
      startsAt: input.startsAt,
      minutes: input.minutes,
      capacity: input.capacity,
      languages: request.languages,
      interpreter: false,
      place: `${request.venue}, ${request.address}`,
      host: partnerName,
    });
    const [row] = await tx
      .update(communityDayRequests)
      .set({ status: 'scheduled', slotId: slot.id, decidedBy: input.officerId, decidedAt: clock.now() })
      .where(and(eq(communityDayRequests.id, request.id), eq(communityDayRequests.status, 'requested')))
      .returning();
    await recordAudit(tx, clock, {
      actor: { kind: 'staff', id: input.officerId },
      action: 'community_day.scheduled',
      subject: { kind: 'community_day_request', id: request.id },
      detail: { partnerId: request.partnerId, slotId: slot.id, startsAt: slot.startsAt.toISOString() },
    });
    return { request: requestView(keys, row!, partnerName), slot };
  });
}

/** An officer or admin declines a request (the partner sees it declined and may ask again). Audited. */
export async function declineCommunityDay(
  db: Db,
  clock: Clock,
  keys: DataKeys,
  input: { staffId: string; requestId: string },
): Promise<CommunityDayRequestView> {
  return db.transaction(async (tx) => {
    await requireRole(tx, input.staffId, ['officer', 'admin']);
    const { request, partnerName } = await lockOpenRequest(tx, input.requestId);
    const [row] = await tx
      .update(communityDayRequests)
      .set({ status: 'declined', decidedBy: input.staffId, decidedAt: clock.now() })
      .where(eq(communityDayRequests.id, request.id))
      .returning();
    await recordAudit(tx, clock, {
      actor: { kind: 'staff', id: input.staffId },
      action: 'community_day.declined',
      subject: { kind: 'community_day_request', id: request.id },
      detail: { partnerId: request.partnerId },
    });
    return requestView(keys, row!, partnerName);
  });
}
