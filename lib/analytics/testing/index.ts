// The analytics test kit: residents, cards and mobile cards written
// straight into the raw tables (personal data as placeholder bytes: these
// tests never read it), so a small known population can be checked against
// the rollups. For tests and benches only.
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';

export type KitResident = {
  nationality?: string;
  region?: string;
  residenceStatus?: string;
  birthDate?: string;
  language?: string;
  registeredAt?: string;
  kind?: 'chip' | 'legacy';
  cardIssuedOn?: string;
  cardExpiresOn?: string;
};

/** Writes residents with their current card; returns their ids in order. */
export async function addKitResidents(db: Executor, list: readonly KitResident[]): Promise<number[]> {
  const ids: number[] = [];
  for (const r of list) {
    const result = await db.execute(sql`
      insert into residents (registration_hash, registration_number_enc, name_enc, phone_enc, nationality, birth_date, sex, residence_status, region, preferred_language, registered_at)
      values (${randomBytes(32)}, ${randomBytes(8)}, ${randomBytes(8)}, ${randomBytes(8)}, ${r.nationality ?? 'VN'}, ${r.birthDate ?? '1990-05-17'}, 'F',
              ${r.residenceStatus ?? 'E-9'}, ${r.region ?? 'seoul'}, ${r.language ?? 'vi'}, ${r.registeredAt ?? '2020-01-01'})
      returning id`);
    const id = Number(((result as { rows?: Array<{ id: number }> }).rows ?? (result as unknown as Array<{ id: number }>))[0]!.id);
    const kind = r.kind ?? 'legacy';
    await db.execute(sql`
      insert into cards (resident_id, serial, kind, issued_on, expires_on, chip_public_key)
      values (${id}, ${`T${id}-${randomUUID().slice(0, 8)}`}, ${kind}, ${r.cardIssuedOn ?? '2024-01-01'}, ${r.cardExpiresOn ?? '2029-12-31'},
              ${kind === 'chip' ? randomBytes(65) : null})`);
    ids.push(id);
  }
  return ids;
}

/** An enrollment that finished (or not) on a path, for a resident. */
export async function addKitEnrollment(
  db: Executor,
  input: { residentId: number; path: 'chip' | 'office' | 'video' | 'reissue'; startedAt: Date; finishedAt?: Date | null; campaign?: string; locale?: string; step?: string; grantId?: string | null },
): Promise<string> {
  const id = randomUUID();
  await db.execute(sql`
    insert into enrollments (id, session_hash, path, step, resident_id, grant_id, locale, campaign, started_at, updated_at, finished_at, expires_at)
    values (${id}, ${randomBytes(32)}, ${input.path}, ${input.step ?? (input.finishedAt ? 'done' : 'sms')}, ${input.residentId}, ${input.grantId ?? null},
            ${input.locale ?? 'en'}, ${input.campaign ?? ''}, ${input.startedAt.toISOString()}, ${(input.finishedAt ?? input.startedAt).toISOString()},
            ${input.finishedAt ? input.finishedAt.toISOString() : null}, ${new Date(input.startedAt.getTime() + 1800_000).toISOString()})`);
  return id;
}

/** An active mobile card of a resident, issued at `at` by an enrollment; returns its id. */
export async function addKitCredential(db: Executor, input: { residentId: number; enrollmentId: string | null; at: Date }): Promise<string> {
  const id = randomUUID();
  await db.execute(sql`
    insert into credentials (id, resident_id, credential_id, public_key, backup_eligible, backed_up, device_public_key, status, enrollment_id, created_at)
    values (${id}, ${input.residentId}, ${randomBytes(16).toString('base64url')}, ${randomBytes(64)}, false, false,
            ${JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'x', y: 'y' })}::jsonb, 'active', ${input.enrollmentId}, ${input.at.toISOString()})`);
  return id;
}

/** Ends an active mobile card: revoked (replaced) or locked (lost), at `at`. */
export async function endKitCredential(db: Executor, id: string, event: 'revoked' | 'locked', at: Date): Promise<void> {
  if (event === 'revoked') {
    await db.execute(sql`update credentials set status = 'revoked', revoked_at = ${at.toISOString()}, revoked_reason = 'replaced' where id = ${id}`);
  } else {
    await db.execute(sql`update credentials set status = 'locked', locked_at = ${at.toISOString()} where id = ${id}`);
  }
}

/** Every row of the adoption rollups, sorted, zero counts left out: two databases' rollups compare equal as text. */
export async function dumpAdoptionRollups(db: Executor): Promise<Record<string, string[]>> {
  const tables: Record<string, string> = {
    adoption_daily: `select day::text, nationality, region, residence_status, age_band, card_kind, language, campaign, path, event, count from adoption_daily where count <> 0`,
    adoption_daily_marginals: `select day::text, dims, a, b, path, event, count from adoption_daily_marginals where count <> 0`,
    adoption_scheduled: `select day::text, nationality, region, residence_status, age_band, card_kind, language, campaign, path, event, count from adoption_scheduled where count <> 0`,
    adoption_stock: `select nationality, region, residence_status, age_band, card_kind, language, campaign, active from adoption_stock where active <> 0`,
    adoption_stock_marginals: `select dims, a, b, active from adoption_stock_marginals where active <> 0`,
    issuance_time_daily: `select day::text, path, language, bucket, count from issuance_time_daily where count <> 0`,
  };
  const out: Record<string, string[]> = {};
  for (const [name, q] of Object.entries(tables)) {
    const result = await db.execute(sql.raw(q));
    const rows = ((result as { rows?: Record<string, unknown>[] }).rows ?? (result as unknown as Record<string, unknown>[])) as Record<string, unknown>[];
    out[name] = rows.map((r) => Object.values(r).map(String).join('|')).sort();
  }
  return out;
}
export * from './bench-population';
