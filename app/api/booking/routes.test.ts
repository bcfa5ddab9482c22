// The booking endpoint and the calendar file on the shared route wrapper, on
// an in-memory database: a table of malformed or refused requests, each with
// its exact status and code in the one error body (never a 5xx); a form post
// that fails goes back to the slot's page with ?error=<code>; a full slot
// answers 409 with the next free slots; the booking's calendar file is
// text/calendar in Korea's time with its reminders, in the address's language.
import fs from 'node:fs';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemClock } from '@/lib/context';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { addResident, officerId, TEST_ORIGIN, TEST_RP_ID, type TestResident } from '@/lib/enrollment/testing';
import { publishSlot, type SlotView } from '@/lib/proofing';
import { GET as calendar } from '@/app/[locale]/booking/[secret]/calendar.ics/route';
import { POST as book } from './route';

const KEY = Symbol.for('arc-mobile.app-context');
const holder = globalThis as Record<symbol, unknown>;
let database: TestDatabase;
let slot: SlotView;
let later: SlotView;

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'info').mockImplementation(() => {});
  database = await openTestDatabase();
  const config = { rpId: TEST_RP_ID, origins: [TEST_ORIGIN], refuseBackupEligible: false, demo: true, smsGateway: undefined };
  holder[KEY] = Promise.resolve({ db: database.db, keys: database.keys, clock: systemClock, database, config, demo: true });
  const officer = await officerId(database.db, database.keys, systemClock);
  const at = (hours: number) => new Date(Date.now() + hours * 3_600_000);
  const publish = (hours: number) =>
    publishSlot(database.db, systemClock, { officerId: officer, kind: 'video', startsAt: at(hours), minutes: 20, capacity: 1, languages: ['ko', 'ru'], interpreter: false });
  slot = await publish(30);
  later = await publish(50);
});
afterAll(async () => {
  delete holder[KEY];
  await database?.close();
});

type Send = { body?: BodyInit; type?: string | null; headers?: Record<string, string> };

async function post(send: Send = {}): Promise<Response> {
  const headers: Record<string, string> = { 'x-forwarded-for': `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`, ...send.headers };
  const type = send.type === undefined ? 'application/json' : send.type;
  if (type) headers['content-type'] = type;
  const response = await book(new NextRequest(`${TEST_ORIGIN}/api/booking`, { method: 'POST', headers, body: send.body }));
  expect(response.status, 'never a 5xx').toBeLessThan(500);
  return response;
}

const facts = (r: TestResident, over: Record<string, unknown> = {}) =>
  JSON.stringify({ slotId: slot.id, registrationNumber: r.registrationNumber, cardSerial: r.serial, birthDate: r.birthDate, locale: 'ru', ...over });
const errorsIn = (locale: string) => JSON.parse(fs.readFileSync(path.join(process.cwd(), 'messages', `${locale}.json`), 'utf8')).errors;

describe('POST /api/booking', () => {
  it.each([
    ['no body', {}, 400, 'invalid_input'],
    ['not JSON', { body: '{"slotId":', type: 'application/json' }, 400, 'bad_request'],
    ['an array', { body: '[]' }, 400, 'invalid_input'],
    ['XML', { body: '<a/>', type: 'application/xml' }, 415, 'unsupported_media_type'],
    ['a birth date that is not a day', { body: JSON.stringify({ slotId: 'x', registrationNumber: '1', cardSerial: '1', birthDate: '23/09/1988' }) }, 400, 'invalid_input'],
    ['an empty registration number', { body: JSON.stringify({ slotId: 'x', registrationNumber: ' ', cardSerial: 'RC1', birthDate: '1988-09-23' }) }, 400, 'invalid_input'],
    ['a body over the size limit', { body: JSON.stringify({ slotId: 'x'.repeat(20_000) }) }, 413, 'payload_too_large'],
    ['another site', { body: '{}', headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } }, 403, 'cross_site'],
    ['a slot id that is no slot', { body: JSON.stringify({ slotId: 'not-a-slot', registrationNumber: '880923-5900002', cardSerial: 'RC1', birthDate: '1988-09-23' }) }, 404, 'proofing.slot_unknown'],
  ] as const)('refuses %s', async (_what, send, status, code) => {
    const response = await post(send as Send);
    expect(response.status).toBe(status);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(0);
  });

  it('refuses facts that match no card, in the language asked for, without saying which', async () => {
    const r = await addResident(database.db, database.keys, { kind: 'legacy' });
    const response = await post({ body: facts(r, { cardSerial: 'RC000000000' }) });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error).toMatchObject({ code: 'proofing.identity_mismatch', message: errorsIn('ru').proofing.identity_mismatch });
  });

  it('books (201, a reference and the booking page), then answers the next one 409 slot_full with the next free slots', async () => {
    const [a, b] = [await addResident(database.db, database.keys, { kind: 'legacy' }), await addResident(database.db, database.keys, { kind: 'legacy' })];
    const first = await post({ body: facts(a) });
    expect(first.status).toBe(201);
    const booked = (await first.json()) as { reference: string; url: string; smsSent: boolean };
    expect(booked.reference).toMatch(/^B-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(booked.url).toMatch(/^\/ru\/booking\/[A-Za-z0-9_-]{43}$/);
    expect(booked.smsSent).toBe(true);

    const second = await post({ body: facts(b) });
    expect(second.status).toBe(409);
    const full = (await second.json()) as { error: { code: string; message: string }; alternatives: Array<{ id: string; url: string }> };
    expect(full.error).toMatchObject({ code: 'proofing.slot_full', message: errorsIn('ru').proofing.slot_full });
    expect(full.alternatives.map((s) => s.id)).toContain(later.id);
    expect(full.alternatives[0]!.url).toBe(`/ru/booking/slots/${full.alternatives[0]!.id}`);

    // One live booking per resident.
    const again = await post({ body: facts(a, { slotId: later.id }) });
    expect(again.status).toBe(409);
    const body = (await again.json()) as { error: { code: string; params: { reference: string } } };
    expect(body.error).toMatchObject({ code: 'proofing.already_booked', params: { reference: booked.reference } });

    // The calendar file of that booking, in the address's language.
    const secret = booked.url.split('/').at(-1)!;
    const ics = await calendar(new NextRequest(`${TEST_ORIGIN}/ru/booking/${secret}/calendar.ics`), { params: Promise.resolve({ locale: 'ru', secret }) });
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(ics.headers.get('content-disposition')).toBe(`attachment; filename="${booked.reference}.ics"`);
    const text = (await ics.text()).replace(/\r\n[ \t]/g, '');
    expect(text).toMatch(/\r\nDTSTART;TZID=Asia\/Seoul:\d{8}T\d{6}\r\n/);
    expect(text.match(/BEGIN:VALARM/g)).toHaveLength(2);
    expect(text).toContain('SUMMARY:Проверка личности по видеозвонку (ARC Mobile)');
    expect(text).toContain(`${TEST_ORIGIN}/ru/booking/${secret}`);
  });

  it('a form post that fails goes back to the slot page with ?error=<code> (no personal data in the address)', async () => {
    const r = await addResident(database.db, database.keys, { kind: 'legacy' });
    const form = new URLSearchParams({ slotId: later.id, registrationNumber: r.registrationNumber, cardSerial: 'RC000000000', birthDate: r.birthDate, locale: 'en' });
    const response = await post({ body: form.toString(), type: 'application/x-www-form-urlencoded' });
    expect(response.status).toBe(303);
    const location = response.headers.get('location')!;
    expect(location).toBe(`${TEST_ORIGIN}/en/booking/slots/${later.id}?error=proofing.identity_mismatch`);
    expect(location).not.toContain(r.registrationNumber.slice(0, 6));
  });
});

describe('GET /<locale>/booking/<secret>/calendar.ics', () => {
  it.each([
    ['an unknown secret', { locale: 'en', secret: 'A'.repeat(43) }, 404, 'not_found'],
    ['a malformed secret', { locale: 'en', secret: '../../etc' }, 404, 'not_found'],
    ['a locale we do not have', { locale: 'fr', secret: 'A'.repeat(43) }, 400, 'invalid_input'],
  ])('answers %s with one error body', async (_what, params, status, code) => {
    const response = await calendar(new NextRequest(`${TEST_ORIGIN}/${params.locale}/booking/${params.secret}/calendar.ics`), { params: Promise.resolve(params) });
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
  });
});
