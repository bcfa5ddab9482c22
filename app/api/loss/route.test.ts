// POST /api/loss on the route wrapper, on an in-memory database: malformed
// requests each get their status and code in the one error body with a
// message in the request's language (never a 5xx); the answer is the same
// shape whether or not the details matched; the limits answer 429 with the
// minutes to wait; and a report locks the card at once.
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { credentials } from '@/db/schema';
import { systemClock } from '@/lib/context';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { addResident, TestPhone, TEST_ORIGIN, TEST_RP_ID } from '@/lib/enrollment/testing';
import { beginRegistration, issueCredential, verifyRegistration } from '@/lib/passkeys';
import { REFERENCE_PATTERN } from '@/lib/loss';
import { POST } from './route';

const KEY = Symbol.for('arc-mobile.app-context');
const holder = globalThis as Record<symbol, unknown>;
let database: TestDatabase;
let clientSeq = 0;
const newClient = () => `203.0.113.${++clientSeq}`;

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
  database = await openTestDatabase();
  const config = { rpId: TEST_RP_ID, origins: [TEST_ORIGIN], refuseBackupEligible: false, demo: false };
  holder[KEY] = Promise.resolve({ db: database.db, keys: database.keys, clock: systemClock, database, config, demo: false });
});
afterAll(async () => {
  delete holder[KEY];
  await database?.close();
});

const errorsIn = (locale: string) => JSON.parse(fs.readFileSync(path.join(process.cwd(), 'messages', `${locale}.json`), 'utf8')).errors;

async function post(body: BodyInit | null, headers: Record<string, string> = {}): Promise<Response> {
  const response = await POST(
    new NextRequest(`${TEST_ORIGIN}/api/loss`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': newClient(), ...headers },
      body,
    }),
  );
  expect(response.status, 'never a 5xx').toBeLessThan(500);
  return response;
}

const good = { registrationNumber: '960412-6123456', cardSerial: 'IC123456789', birthDate: '1996-04-12' };

describe('POST /api/loss refuses', () => {
  const cases: Array<[string, BodyInit | null, Record<string, string>, number, string]> = [
    ['no body', null, {}, 400, 'invalid_input'],
    ['not JSON', '{"registrationNumber":', {}, 400, 'bad_request'],
    ['an array', '[]', {}, 400, 'invalid_input'],
    ['a field missing', JSON.stringify({ registrationNumber: good.registrationNumber, cardSerial: good.cardSerial }), {}, 400, 'invalid_input'],
    ['a number where text goes', JSON.stringify({ ...good, cardSerial: 123 }), {}, 400, 'invalid_input'],
    ['a field far too long', JSON.stringify({ ...good, cardSerial: 'I'.repeat(65) }), {}, 400, 'invalid_input'],
    ['a body over 2 KiB', JSON.stringify({ ...good, locale: 'x'.repeat(3000) }), {}, 413, 'payload_too_large'],
    ['XML', '<loss/>', { 'content-type': 'application/xml' }, 415, 'unsupported_media_type'],
    ['another site', JSON.stringify(good), { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }, 403, 'cross_site'],
    ['an empty registration number', JSON.stringify({ ...good, registrationNumber: ' ' }), {}, 400, 'loss.registration_number_missing'],
    ['12 digits', JSON.stringify({ ...good, registrationNumber: '960412-612345' }), {}, 400, 'loss.registration_number_format'],
    ['no such number', JSON.stringify({ ...good, registrationNumber: '960412-1123456' }), {}, 400, 'loss.registration_number_invalid'],
    ['an empty serial', JSON.stringify({ ...good, cardSerial: '' }), {}, 400, 'loss.card_serial_missing'],
    ['a serial of symbols', JSON.stringify({ ...good, cardSerial: '!!!!' }), {}, 400, 'loss.card_serial_format'],
    ['no date of birth', JSON.stringify({ ...good, birthDate: '' }), {}, 400, 'loss.birth_date_missing'],
    ['31 February', JSON.stringify({ ...good, registrationNumber: '960231-6123456', birthDate: '1996-02-31' }), {}, 400, 'loss.registration_number_invalid'],
    ['a date in another form', JSON.stringify({ ...good, birthDate: '12.04.1996' }), {}, 400, 'loss.birth_date_invalid'],
    ['another birth date than the number’s', JSON.stringify({ ...good, birthDate: '1996-04-13' }), {}, 400, 'loss.birth_date_mismatch'],
  ];
  it.each(cases)('%s', async (_name, body, headers, status, code) => {
    const response = await post(body, headers);
    expect(response.status).toBe(status);
    const json = (await response.json()) as { error: { code: string; message: string; params: object } };
    expect(Object.keys(json)).toEqual(['error']);
    expect(json.error.code).toBe(code);
    expect(json.error.message.trim()).not.toBe('');
  });

  it('answers in the language the request names, with that language’s message', async () => {
    for (const locale of ['vi', 'ar', 'ne'] as const) {
      const response = await post(JSON.stringify({ ...good, registrationNumber: '12', locale }));
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(error.message).toBe(errorsIn(locale).loss.registration_number_format);
    }
  });
});

describe('POST /api/loss answers', () => {
  it('the same shape whether or not the details match, and locks only on a match', async () => {
    const r = await addResident(database.db, database.keys, { birthDate: '1991-03-05' });
    const phone = new TestPhone();
    const config = { rpId: TEST_RP_ID, origins: [TEST_ORIGIN], refuseBackupEligible: false };
    const who = { subject: 'enrollment:loss-route', residentId: r.id, userId: new Uint8Array(32).fill(3), userName: 'T', userDisplayName: 'T' };
    const options = await beginRegistration(database.db, systemClock, config, who);
    const passkey = await verifyRegistration(database.db, systemClock, config, who.subject, await phone.register(options));
    const { credential } = await database.db.transaction((tx) =>
      issueCredential(tx, systemClock, { residentId: r.id, enrollmentId: crypto.randomUUID(), passkey, path: 'chip' }),
    );
    const status = async () => (await database.db.select().from(credentials).where(eq(credentials.id, credential.id)))[0]!.status;

    const wrong = await post(JSON.stringify({ registrationNumber: r.registrationNumber, cardSerial: 'IC000000000', birthDate: r.birthDate }));
    const right = await post(JSON.stringify({ registrationNumber: r.registrationNumber, cardSerial: r.serial, birthDate: r.birthDate }));
    for (const response of [wrong, right]) {
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const body = (await response.json()) as Record<string, unknown>;
      expect(Object.keys(body)).toEqual(['reference']);
      expect(body.reference).toMatch(REFERENCE_PATTERN);
    }
    expect(await status()).toBe('locked');
  });

  it('429 with the minutes to wait after 5 reports for one number, and 20 from one client', async () => {
    const number = { registrationNumber: '850101-5123457', cardSerial: 'IC123456789', birthDate: '1985-01-01' };
    for (let i = 0; i < 5; i++) expect((await post(JSON.stringify(number))).status).toBe(200);
    const limited = await post(JSON.stringify({ ...number, locale: 'vi' }));
    expect(limited.status).toBe(429);
    const { error } = (await limited.json()) as { error: { code: string; message: string; params: { minutes: number } } };
    expect(error.code).toBe('limits.rate_limited');
    expect(error.params).toEqual({ minutes: 60 });
    expect(error.message).toBe(errorsIn('vi').limits.rate_limited.replace('{minutes, number}', '60'));

    const client = '198.51.100.250';
    for (let i = 0; i < 20; i++) {
      const n = { registrationNumber: `${70 + i}0202-5${200000 + i}`, cardSerial: 'IC123456789', birthDate: `19${70 + i}-02-02` };
      expect((await post(JSON.stringify(n), { 'x-forwarded-for': client })).status).toBe(200);
    }
    expect((await post(JSON.stringify({ ...good }), { 'x-forwarded-for': `${client}, 10.0.0.1` })).status).toBe(429);
  });
});
