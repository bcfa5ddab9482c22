// For the dashboard bench: a large synthetic population straight into the
// registry tables (the seed's generator for who the residents are; their
// personal data as placeholder bytes, since nothing here reads it), and a
// year of mobile-card events written in bulk as raw rows (credentials,
// enrollments, bookings) with INSERT … SELECT over the residents — never
// through the use cases. Deterministic: hashes of the resident's id decide.
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { DEFAULT_AS_OF, DEFAULT_SEED, generateResidents } from '@/lib/population';

const CHUNK = 20_000;

/** Writes `count` residents of the default seed with their cards; returns how long it took (ms). */
export async function addBenchResidents(db: Executor, count: number, onProgress?: (done: number) => void): Promise<number> {
  const started = performance.now();
  for (let start = 0; start < count; start += CHUNK) {
    const size = Math.min(CHUNK, count - start);
    const rows = generateResidents({ seed: DEFAULT_SEED, asOf: DEFAULT_AS_OF }, size, start).map((r) => ({
      id: r.index + 1,
      nationality: r.nationality,
      birth_date: r.birthDate,
      sex: r.sex,
      residence_status: r.residenceStatus,
      region: r.region,
      preferred_language: r.preferredLanguage,
      registered_at: r.registeredAt,
      serial: r.card.serial,
      kind: r.card.kind,
      issued_on: r.card.issuedOn,
      expires_on: r.card.expiresOn,
    }));
    const json = JSON.stringify(rows);
    await db.execute(sql`
      insert into residents (id, registration_hash, registration_number_enc, name_enc, phone_enc, nationality, birth_date, sex, residence_status, region, preferred_language, registered_at)
      overriding system value
      select x.id, decode(md5('r:' || x.id), 'hex'), '\\x00'::bytea, '\\x00'::bytea, '\\x00'::bytea, x.nationality, x.birth_date, x.sex::sex, x.residence_status, x.region, x.preferred_language, x.registered_at
        from json_to_recordset(${json}::json) as x(id int, nationality text, birth_date date, sex text, residence_status text, region text, preferred_language text, registered_at date)`);
    await db.execute(sql`
      insert into cards (resident_id, serial, kind, issued_on, expires_on, chip_public_key)
      select x.id, x.serial, x.kind::card_kind, x.issued_on, x.expires_on, case when x.kind = 'chip' then '\\x04'::bytea end
        from json_to_recordset(${json}::json) as x(id int, serial text, kind text, issued_on date, expires_on date)`);
    onProgress?.(start + size);
  }
  await db.execute(sql`select setval(pg_get_serial_sequence('residents', 'id'), (select max(id) from residents))`);
  await db.execute(sql`analyze residents`);
  await db.execute(sql`analyze cards`);
  return performance.now() - started;
}

/**
 * A year of events from `from` (365 days): about `adoption` of the eligible
 * residents get the card, more as the year goes on; chip cards on the chip
 * path, legacy cards at an office or by video (booked); a campaign for some;
 * 4% later replace their phone (reissue, the first card revoked), 1.2% lose
 * it (locked). Bookings for the booked checks.
 */
export async function addBenchYearOfEvents(db: Executor, options: { from: string; adoption: number }): Promise<{ credentials: number; ms: number }> {
  const started = performance.now();
  const from = options.from;
  // A deterministic number in [0, 1) from a resident's id and a salt.
  const u = (salt: number) => sql.raw(`(('x' || substr(md5(r.id::text || '-${salt}'), 1, 8))::bit(32)::bigint / 4294967296.0)`);
  await db.execute(sql`create temporary table bench_cards as
    select r.id as resident_id, k.kind::text as kind, r.preferred_language as language,
           greatest(${from}::date, r.registered_at, k.issued_on, ((r.birth_date - 1) + interval '14 years')::date + 1) as lo,
           least(${from}::date + 364, k.expires_on) as hi,
           ${u(1)} as u1, ${u(2)} as u2, ${u(3)} as u3, ${u(4)} as u4, ${u(5)} as u5
      from residents r join cards k on k.resident_id = r.id and k.replaced_at is null
     where ${u(0)} < ${options.adoption * (1.0 / 0.55)} `);
  // The issue day: rising through the year (sqrt), inside the resident's window.
  await db.execute(sql`delete from bench_cards where lo > hi`);
  await db.execute(sql`alter table bench_cards add column day date, add column path text, add column campaign text, add column issued_at timestamptz, add column started_at timestamptz`);
  await db.execute(sql`
    update bench_cards set
      day = ${from}::date + floor(sqrt(u1) * 365)::int,
      path = case when kind = 'chip' then 'chip' when u2 < 0.45 then 'video' else 'office' end,
      campaign = case when u3 < 0.7 then '' else 'BENCH' || floor(u3 * 40)::int end`);
  await db.execute(sql`delete from bench_cards where day < lo or day > hi`);
  await db.execute(sql`
    update bench_cards set
      issued_at = (day::timestamp + interval '1 minute' * floor(u4 * 720)) at time zone 'Asia/Seoul' + interval '9 hours',
      started_at = null`);
  await db.execute(sql`
    update bench_cards set started_at = case
      when path = 'chip' then issued_at - interval '1 minute' * (5 + floor(u5 * 40))
      when path = 'video' then issued_at - interval '1 hour' * (24 + floor(u5 * 300))
      else issued_at - interval '1 minute' * (15 + floor(u5 * 90)) end`);
  // Enrollments and credentials, one each per card; then 4% reissue on a new phone, 1.2% lock.
  await db.execute(sql`
    insert into enrollments (id, session_hash, path, step, resident_id, locale, campaign, started_at, updated_at, finished_at, expires_at)
    select md5('e:' || resident_id)::uuid, decode(md5('s:' || resident_id), 'hex'), path::enrollment_path, 'done', resident_id, language, campaign,
           started_at, issued_at, issued_at, issued_at + interval '30 minutes'
      from bench_cards`);
  await db.execute(sql`
    insert into credentials (id, resident_id, credential_id, public_key, backup_eligible, backed_up, device_public_key, status, enrollment_id, created_at)
    select md5('c:' || resident_id)::uuid, resident_id, md5('k:' || resident_id), '\\x00'::bytea, false, false, '{}'::jsonb, 'active', md5('e:' || resident_id)::uuid, issued_at
      from bench_cards`);
  await db.execute(sql`
    create temporary table bench_ends as
    select resident_id, issued_at + interval '1 day' * (1 + floor(u2 * 120)) as ended_at, case when u3 < 0.77 then 'revoked' else 'locked' end as event
      from bench_cards where u5 < 0.052 and issued_at + interval '121 days' < ${from}::date + 365`);
  await db.execute(sql`
    update credentials c set status = 'locked', locked_at = e.ended_at
      from bench_ends e where e.event = 'locked' and c.id = md5('c:' || e.resident_id)::uuid`);
  await db.execute(sql`
    update credentials c set status = 'revoked', revoked_at = e.ended_at, revoked_reason = 'replaced'
      from bench_ends e where e.event = 'revoked' and c.id = md5('c:' || e.resident_id)::uuid`);
  await db.execute(sql`
    insert into enrollments (id, session_hash, path, step, resident_id, locale, campaign, started_at, updated_at, finished_at, expires_at)
    select md5('e2:' || resident_id)::uuid, decode(md5('s2:' || resident_id), 'hex'), 'reissue', 'done', resident_id, 'en', '',
           ended_at - interval '10 minutes', ended_at, ended_at, ended_at + interval '30 minutes'
      from bench_ends where event = 'revoked'`);
  await db.execute(sql`
    insert into credentials (id, resident_id, credential_id, public_key, backup_eligible, backed_up, device_public_key, status, enrollment_id, created_at)
    select md5('c2:' || resident_id)::uuid, resident_id, md5('k2:' || resident_id), '\\x00'::bytea, false, false, '{}'::jsonb, 'active', md5('e2:' || resident_id)::uuid, ended_at
      from bench_ends where event = 'revoked'`);
  // Bookings of the video checks (one officer, one slot per booking).
  await db.execute(sql`
    insert into staff (id, role, status, handle_hash, handle_enc, display_name_enc, webauthn_user_id, created_at, updated_at)
    values ('00000000-0000-4000-8000-0000000000be', 'officer', 'active', decode(md5('bench-officer'), 'hex'), '\\x00'::bytea, '\\x00'::bytea,
            decode(md5('bench-officer-webauthn'), 'hex'), now(), now()) on conflict do nothing`);
  await db.execute(sql`
    insert into slots (id, kind, starts_at, minutes, capacity, booked, languages, officer_id, created_at)
    select md5('slot:' || resident_id)::uuid, 'video', issued_at - interval '15 minutes', 15, 1, 1, array[language], '00000000-0000-4000-8000-0000000000be', started_at
      from bench_cards where path = 'video'`);
  await db.execute(sql`
    insert into bookings (id, reference, slot_id, resident_id, status, locale, secret_hash, created_at, ended_at)
    select md5('b:' || resident_id)::uuid, 'B-' || resident_id, md5('slot:' || resident_id)::uuid, resident_id, 'completed', language,
           decode(md5('bs:' || resident_id), 'hex'), started_at, issued_at
      from bench_cards where path = 'video'`);
  await db.execute(sql`drop table bench_cards`);
  await db.execute(sql`drop table bench_ends`);
  for (const table of ['credentials', 'enrollments', 'bookings', 'slots']) await db.execute(sql.raw(`analyze ${table}`));
  const counted = await db.execute(sql`select count(*)::int as n from credentials`);
  const n = ((counted as { rows?: Array<{ n: number }> }).rows ?? (counted as unknown as Array<{ n: number }>))[0]?.n ?? 0;
  return { credentials: Number(n), ms: performance.now() - started };
}
