// Partner organisations (community associations and embassies) and the
// staff accounts that act for them. An admin adds an organisation and
// invites its people, as staff are invited; each partner account belongs to
// exactly one organisation (partner_members), and every partner use case
// finds the caller's organisation from the account, never from the form.
import { asc, eq } from 'drizzle-orm';
import { partnerMembers, partners, type Partner, type PartnerKind } from '@/db/schema';
import type { Db, Executor } from '@/db/client';
import type { Clock } from '@/lib/clock';
import { recordAudit } from '@/lib/audit';
import { isLocale, locales, type Locale } from '@/lib/i18n';
import type { DataKeys } from '@/lib/security';
import { activeStaffRole, inviteStaff, type CreatedInvite } from '@/lib/staff';
import { outreachErrors } from './errors';

export const PARTNER_KINDS = ['association', 'embassy'] as const satisfies readonly PartnerKind[];
export type { PartnerKind };

/** The regions (시도) an organisation may serve: the same codes as the residents' regions. */
export const PARTNER_REGIONS = [
  'seoul', 'busan', 'daegu', 'incheon', 'gwangju', 'daejeon', 'ulsan', 'sejong', 'gyeonggi',
  'gangwon', 'chungbuk', 'chungnam', 'jeonbuk', 'jeonnam', 'gyeongbuk', 'gyeongnam', 'jeju',
] as const;
export type PartnerRegion = (typeof PARTNER_REGIONS)[number];

export function isPartnerRegion(value: unknown): value is PartnerRegion {
  return typeof value === 'string' && (PARTNER_REGIONS as readonly string[]).includes(value);
}

export type PartnerView = { id: string; kind: PartnerKind; name: string; region: string; languages: Locale[]; createdAt: Date };

export function partnerView(row: Partner): PartnerView {
  return { id: row.id, kind: row.kind, name: row.name, region: row.region, languages: row.languages.filter(isLocale), createdAt: row.createdAt };
}

/** Languages as given, only ARC Mobile's, each once, in the order given; throws languages_required when none is left or any is not ours. */
export function checkLanguages(values: readonly string[]): Locale[] {
  if (values.some((l) => !isLocale(l))) throw outreachErrors.create('languages_required');
  const unique = [...new Set(values)] as Locale[];
  if (unique.length === 0 || unique.length > locales.length) throw outreachErrors.create('languages_required');
  return unique;
}

/** A public name: 2–120 characters, no control characters. */
export function checkName(value: string, max = 80): string {
  const name = value.trim().replace(/\s+/g, ' ');
  // eslint-disable-next-line no-control-regex
  if (name.length < 2 || name.length > max || /[\u0000-\u001f\u007f]/.test(name)) throw outreachErrors.create('name_invalid');
  return name;
}

/**
 * The organisation the staff member acts for: an active account with the
 * partner role and a membership. Throws outreach.no_partner otherwise, so a
 * partner account never reaches another organisation's rows, and a former
 * partner (role changed, account disabled) reaches none.
 */
export async function partnerOf(db: Executor, staffId: string): Promise<PartnerView> {
  if ((await activeStaffRole(db, staffId)) !== 'partner') throw outreachErrors.create('no_partner');
  const [row] = await db
    .select({ partner: partners })
    .from(partnerMembers)
    .innerJoin(partners, eq(partners.id, partnerMembers.partnerId))
    .where(eq(partnerMembers.staffId, staffId));
  if (!row) throw outreachErrors.create('no_partner');
  return partnerView(row.partner);
}

async function requireAdmin(db: Executor, staffId: string): Promise<void> {
  if ((await activeStaffRole(db, staffId)) !== 'admin') throw outreachErrors.create('admin_only');
}

export type NewPartner = { kind: PartnerKind; name: string; region: string; languages: readonly string[] };

/** An admin adds a partner organisation. Audited (partner.created). */
export async function createPartner(db: Db, clock: Clock, input: NewPartner & { actorId: string }): Promise<PartnerView> {
  const name = checkName(input.name);
  if (!isPartnerRegion(input.region)) throw outreachErrors.create('region_unknown');
  const languages = checkLanguages(input.languages);
  if (!(PARTNER_KINDS as readonly string[]).includes(input.kind)) throw outreachErrors.create('partner_unknown');
  return db.transaction(async (tx) => {
    await requireAdmin(tx, input.actorId);
    const [row] = await tx
      .insert(partners)
      .values({ kind: input.kind, name, region: input.region, languages, createdAt: clock.now() })
      .returning();
    await recordAudit(tx, clock, {
      actor: { kind: 'staff', id: input.actorId },
      action: 'partner.created',
      subject: { kind: 'partner', id: row!.id },
      detail: { kind: row!.kind, region: row!.region, languages },
    });
    return partnerView(row!);
  });
}

/** Every partner organisation (for admins and officers), with how many accounts act for each. */
export async function listPartners(db: Executor): Promise<Array<PartnerView & { members: number }>> {
  const rows = await db.select().from(partners).orderBy(asc(partners.name), asc(partners.id));
  const members = await db.select({ partnerId: partnerMembers.partnerId }).from(partnerMembers);
  const count = new Map<string, number>();
  for (const m of members) count.set(m.partnerId, (count.get(m.partnerId) ?? 0) + 1);
  return rows.map((r) => ({ ...partnerView(r), members: count.get(r.id) ?? 0 }));
}

/**
 * An admin invites a person to act for a partner organisation: a partner
 * account (lib/staff's one-time invitation link) tied to the organisation,
 * in one transaction with its audit entries (staff.invited and
 * partner.member_added), so no partner account exists without its
 * organisation.
 */
export async function invitePartnerMember(
  db: Db,
  clock: Clock,
  keys: DataKeys,
  input: { actorId: string; partnerId: string; displayName: string; handle: string },
): Promise<CreatedInvite & { partner: PartnerView }> {
  return db.transaction(async (tx) => {
    await requireAdmin(tx, input.actorId);
    const [partner] = await tx.select().from(partners).where(eq(partners.id, input.partnerId)).for('update');
    if (!partner) throw outreachErrors.create('partner_unknown');
    // inviteStaff runs in a savepoint of this transaction: the account and its membership commit together.
    const invite = await inviteStaff(tx as unknown as Db, clock, keys, {
      actorId: input.actorId,
      displayName: input.displayName,
      handle: input.handle,
      role: 'partner',
    });
    await tx.insert(partnerMembers).values({ staffId: invite.staffId, partnerId: partner.id, createdAt: clock.now() });
    await recordAudit(tx, clock, {
      actor: { kind: 'staff', id: input.actorId },
      action: 'partner.member_added',
      subject: { kind: 'partner', id: partner.id },
      detail: { staffId: invite.staffId },
    });
    return { ...invite, partner: partnerView(partner) };
  });
}
