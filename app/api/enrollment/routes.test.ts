// The enrollment and resident passkey endpoints as route handlers on the
// shared wrapper, on an in-memory database: every malformed request gets its
// exact status and code in the one error body {error: {code, message,
// params}} with a message in the request's language, a failed form post goes
// back to its step page with ?error=<code>, nothing is ever a 5xx; and an
// enrollment still goes identify → SMS → chip → passkey → unlock through them.
import fs from 'node:fs';
import path from 'node:path';
import { desc } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { enrollments } from '@/db/schema';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { CardSimulator } from '@/lib/chip';
import { systemClock } from '@/lib/context';
import { ENROLLMENT_COOKIE } from '@/lib/enrollment';
import type { Locale } from '@/lib/i18n';
import { addResident, lastSmsCode, TEST_CHIP_SECRET, TEST_ORIGIN, TEST_RP_ID, TestPhone } from '@/lib/enrollment/testing';
import { POST as chipChallenge } from './chip/challenge/route';
import { POST as chipVerify } from './chip/verify/route';
import { POST as chipSimulator } from './chip-simulator/route';
import { POST as grant } from './grant/route';
import { POST as identify } from './identify/route';
import { POST as restart } from './restart/route';
import { POST as smsResend } from './sms/resend/route';
import { POST as smsVerify } from './sms/verify/route';
import { POST as registrationOptions } from '../passkeys/registration/options/route';
import { POST as registrationVerify } from '../passkeys/registration/verify/route';
import { POST as cardStatus } from '../passkeys/status/route';
import { POST as unlockOptions } from '../passkeys/unlock/options/route';
import { POST as unlockVerify } from '../passkeys/unlock/verify/route';

// next-intl's server half needs Next's request scope; here the same messages
// files answer through next-intl's own translator.
vi.mock('next-intl/server', async () => {
  const { createTranslator } = await import('next-intl');
  const messagesOf = (locale: string) => JSON.parse(fs.readFileSync(path.join(process.cwd(), 'messages', `${locale}.json`), 'utf8'));
  return {
    getTranslations: async ({ locale, namespace }: { locale: Locale; namespace?: string }) =>
      createTranslator({ locale, messages: messagesOf(locale), namespace: namespace as never, onError: () => {} }),
  };
});

const KEY = Symbol.for('arc-mobile.app-context');
const holder = globalThis as Record<symbol, unknown>;
let database: TestDatabase;

/** Serves the app on the test database; `demo` as AppContext.demo (the SMS simulator is on either way). */
function serve(demo: boolean) {
  const config = { rpId: TEST_RP_ID, origins: [TEST_ORIGIN], refuseBackupEligible: false, seedDemo: true, demo, smsGateway: undefined };
  holder[KEY] = Promise.resolve({ db: database.db, keys: database.keys, clock: systemClock, database, config, demo });
}

beforeAll(async () => {
  // The wrapper's one log line per refusal, and the SMS simulator's, hundreds of them here.
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'info').mockImplementation(() => {});
  database = await openTestDatabase();
  serve(true);
});
afterAll(async () => {
  delete holder[KEY];
  await database?.close();
});

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
type Send = { body?: BodyInit; type?: string | null; headers?: Record<string, string>; cookie?: string };

const messages = (locale: string) => JSON.parse(fs.readFileSync(path.join(process.cwd(), 'messages', `${locale}.json`), 'utf8')).errors;

async function call(handler: Handler, pathname: string, send: Send = {}): Promise<Response> {
  const headers: Record<string, string> = { ...send.headers };
  const type = send.type === undefined ? 'application/json' : send.type;
  if (type) headers['content-type'] = type;
  if (send.cookie) headers.cookie = send.cookie;
  const response = await handler(new NextRequest(`${TEST_ORIGIN}${pathname}`, { method: 'POST', headers, body: send.body }), {
    params: Promise.resolve({}),
  });
  expect(response.status, `${pathname}: never a 5xx`).toBeLessThan(500);
  expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f]{16}$/);
  return response;
}

const postJson = (handler: Handler, pathname: string, body: unknown, send: Omit<Send, 'body'> = {}) =>
  call(handler, pathname, { ...send, body: JSON.stringify(body) });
const postForm = (handler: Handler, pathname: string, fields: Record<string, string>, send: Omit<Send, 'body' | 'type'> = {}) =>
  call(handler, pathname, { ...send, body: new URLSearchParams(fields).toString(), type: 'application/x-www-form-urlencoded' });

/** The one error body, checked whole: code, a non-empty message, params. */
async function errorOf(response: Response): Promise<{ code: string; message: string; params: Record<string, unknown> }> {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await response.json()) as { error: { code: string; message: string; params: Record<string, unknown> } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'params']);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.trim()).not.toBe('');
  expect(body.error.params).toBeTypeOf('object');
  return body.error;
}

/** Where a 303 goes: its path and query. */
function seeOtherTo(response: Response): { pathname: string; query: Record<string, string> } {
  expect(response.status).toBe(303);
  const to = new URL(response.headers.get('location')!);
  expect(to.origin).toBe(TEST_ORIGIN);
  return { pathname: to.pathname, query: Object.fromEntries(to.searchParams) };
}

function enrollmentCookieOf(response: Response): string | null {
  const set = response.headers.get('set-cookie');
  return set?.match(new RegExp(`${ENROLLMENT_COOKIE}=([A-Za-z0-9_-]*)`))?.[1] ?? null;
}

type Route = {
  name: string;
  handler: Handler;
  /** Form posts that fail go back to this page (undefined: a JSON-only endpoint). */
  formPage?: string;
  /** Well-formed JSON with fields of the wrong type or shape. */
  wrongTypes: unknown[];
  /** A form post missing what the endpoint needs. */
  missingForm: Record<string, string>;
};

const challenge = 'A'.repeat(43);
const routes: Route[] = [
  {
    name: '/api/enrollment/identify',
    handler: identify,
    formPage: '/enroll/chip',
    wrongTypes: [
      {},
      { registrationNumber: 900101, cardSerial: 'ICX1', birthDate: '1990-01-01' },
      { registrationNumber: '900101-5123456', cardSerial: ['ICX1'], birthDate: '1990-01-01' },
      { registrationNumber: '900101-5123456', cardSerial: 'ICX1', birthDate: 'yesterday' },
      { registrationNumber: '900101-5123456', cardSerial: 'ICX1', birthDate: '1990-01-01', path: 'office' },
      { registrationNumber: 'x'.repeat(21), cardSerial: 'ICX1', birthDate: '1990-01-01' },
      { registrationNumber: '900101-5123456', cardSerial: 'ICX1', birthDate: '1990-01-01', locale: 5 },
    ],
    missingForm: { locale: 'en', path: 'chip', registrationNumber: '900101-5123456' },
  },
  {
    name: '/api/enrollment/grant',
    handler: grant,
    formPage: '/enroll/office',
    wrongTypes: [{}, { code: 5 }, { shortCode: { a: 1 } }, { shortCode: 'ABCD-1234', path: 'chip' }, { code: 'x'.repeat(201) }],
    missingForm: { locale: 'en', path: 'office' },
  },
  {
    name: '/api/enrollment/sms/verify',
    handler: smsVerify,
    formPage: '/enroll/sms',
    wrongTypes: [{}, { code: 123456 }, { code: null }, { code: '1'.repeat(21) }],
    missingForm: { locale: 'en' },
  },
  {
    name: '/api/enrollment/sms/resend',
    handler: smsResend,
    formPage: '/enroll/sms',
    wrongTypes: [{ locale: 5 }, { locale: 'x'.repeat(11) }],
    missingForm: { locale: 'x'.repeat(11) },
  },
  {
    name: '/api/enrollment/chip/challenge',
    handler: chipChallenge,
    wrongTypes: [{ locale: 5 }, { challenge: 'nope' }],
    missingForm: { locale: 'en', extra: '1' },
  },
  {
    name: '/api/enrollment/chip/verify',
    handler: chipVerify,
    wrongTypes: [{}, { challenge }, { challenge, signature: 'not base64url!' }, { challenge: 'short', signature: 'abc' }, { challenge: 5, signature: 5 }],
    missingForm: { locale: 'en', challenge },
  },
  {
    name: '/api/enrollment/chip-simulator',
    handler: chipSimulator,
    wrongTypes: [{}, { challenge: 'short' }, { challenge: ['A'] }],
    missingForm: { locale: 'en' },
  },
  {
    name: '/api/enrollment/restart',
    handler: restart,
    formPage: '/enroll',
    wrongTypes: [{ to: 'elsewhere' }, { to: 5 }],
    missingForm: { locale: 'en', to: 'elsewhere' },
  },
  {
    name: '/api/passkeys/registration/options',
    handler: registrationOptions,
    wrongTypes: [{ locale: 5 }, { response: {} }],
    missingForm: { locale: 'en', extra: '1' },
  },
  {
    name: '/api/passkeys/registration/verify',
    handler: registrationVerify,
    wrongTypes: [{}, { response: 'nope', devicePublicKey: {}, deviceSignature: 'x' }, { response: {}, devicePublicKey: [], deviceSignature: 'x' }, { response: {}, devicePublicKey: {}, deviceSignature: 'x'.repeat(201) }],
    missingForm: { locale: 'en', deviceSignature: 'x' },
  },
  {
    name: '/api/passkeys/unlock/options',
    handler: unlockOptions,
    wrongTypes: [{}, { credentialId: 5 }, { credentialId: 'has spaces' }, { credentialId: 'A'.repeat(1401) }],
    missingForm: { locale: 'en' },
  },
  {
    name: '/api/passkeys/unlock/verify',
    handler: unlockVerify,
    wrongTypes: [{}, { response: [], deviceSignature: 'x' }, { response: {}, deviceSignature: 5 }],
    missingForm: { locale: 'en', deviceSignature: 'x' },
  },
  {
    name: '/api/passkeys/status',
    handler: cardStatus,
    wrongTypes: [{}, { credentialId: null }, { credentialId: 'a/b' }],
    missingForm: { locale: 'en' },
  },
];

const huge = 'x'.repeat(30 * 1024 * 1024);

/** Malformed requests every endpoint refuses the same way: what is sent, and the exact status and code. */
const malformed: { name: string; send: Send; status: number; code: string }[] = [
  { name: 'not JSON', send: { body: '{not json' }, status: 400, code: 'bad_request' },
  { name: 'not UTF-8', send: { body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) }, status: 400, code: 'bad_request' },
  { name: 'a JSON array', send: { body: '[]' }, status: 400, code: 'invalid_input' },
  { name: 'a JSON number', send: { body: '42' }, status: 400, code: 'invalid_input' },
  { name: 'JSON null', send: { body: 'null' }, status: 400, code: 'invalid_input' },
  { name: 'a JSON string', send: { body: '"hello"' }, status: 400, code: 'invalid_input' },
  { name: 'another media type', send: { body: '<a/>', type: 'application/xml' }, status: 415, code: 'unsupported_media_type' },
  { name: 'a 30 MB body', send: { body: JSON.stringify({ locale: 'en', pad: huge }) }, status: 413, code: 'payload_too_large' },
  { name: 'a 30 MB body announced as such', send: { body: huge, headers: { 'content-length': String(huge.length) } }, status: 413, code: 'payload_too_large' },
  { name: 'a cross-site Origin', send: { body: '{}', headers: { origin: 'https://evil.example' } }, status: 403, code: 'cross_site' },
  { name: 'Sec-Fetch-Site: cross-site', send: { body: '{}', headers: { 'sec-fetch-site': 'cross-site' } }, status: 403, code: 'cross_site' },
  { name: 'Sec-Fetch-Site: same-site', send: { body: '{}', headers: { 'sec-fetch-site': 'same-site' } }, status: 403, code: 'cross_site' },
];

describe.each(routes)('$name refuses malformed requests', (route) => {
  it.each(malformed)('$name → $status $code', async ({ send, status, code }) => {
    const response = await call(route.handler, route.name, send);
    expect(response.status).toBe(status);
    expect((await errorOf(response)).code).toBe(code);
  });

  it('JSON with wrong types or shapes → 400 invalid_input', async () => {
    for (const body of route.wrongTypes) {
      const response = await postJson(route.handler, route.name, body);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect((await errorOf(response)).code).toBe('invalid_input');
    }
  });

  it(`a form post missing fields → ${route.formPage ? '303 back to its page' : '400 JSON'} with invalid_input`, async () => {
    const response = await postForm(route.handler, route.name, route.missingForm);
    if (route.formPage) {
      expect(seeOtherTo(response)).toMatchObject({ pathname: `/en${route.formPage}`, query: { error: 'invalid_input' } });
    } else {
      expect(response.status).toBe(400);
      expect((await errorOf(response)).code).toBe('invalid_input');
    }
  });

  it('a form post from another site is refused too', async () => {
    const response = await postForm(route.handler, route.name, route.missingForm, { headers: { origin: 'https://evil.example' } });
    if (route.formPage) expect(seeOtherTo(response).query).toEqual({ error: 'cross_site' });
    else expect((await errorOf(response)).code).toBe('cross_site');
  });
});

describe('error messages and form answers', () => {
  it('names the fields that did not pass', async () => {
    const response = await postJson(identify, '/api/enrollment/identify', { registrationNumber: '12345', cardSerial: 'IC1234567', birthDate: 'soon' });
    expect(await errorOf(response)).toMatchObject({
      code: 'invalid_input',
      params: { fields: 'registrationNumber,birthDate', registrationNumberCode: 'loss.registration_number_format', birthDateCode: 'loss.birth_date_invalid' },
    });
    // Not even a string: the schema names it.
    const typed = await postJson(identify, '/api/enrollment/identify', { registrationNumber: 5, cardSerial: 'IC1234567', birthDate: '1990-01-01' });
    expect(await errorOf(typed)).toMatchObject({ code: 'invalid_input', params: { fields: 'registrationNumber' } });
  });

  it('reads the date of birth from the form\'s three boxes, in any digits, and names a date that cannot be', async () => {
    const impossible = await postJson(identify, '/api/enrollment/identify', { registrationNumber: '12345', cardSerial: 'IC1234567', day: '31', month: '2', year: '1990' });
    expect(await errorOf(impossible)).toMatchObject({ params: { fields: 'registrationNumber,birthDate', birthDateCode: 'loss.birth_date_invalid' } });
    const wrongYear = await postJson(identify, '/api/enrollment/identify', { registrationNumber: '900101-5123456', cardSerial: 'IC1234567', day: '१', month: '१', year: '१९९१' });
    expect(await errorOf(wrongYear)).toMatchObject({ params: { fields: 'birthDate', birthDateCode: 'loss.birth_date_mismatch' } });
  });

  it('names each empty field with its own message (the form is sent unchecked by the browser)', async () => {
    const response = await postJson(identify, '/api/enrollment/identify', { registrationNumber: '', cardSerial: ' ', locale: 'ne' });
    expect(await errorOf(response)).toMatchObject({
      code: 'invalid_input',
      params: {
        fields: 'registrationNumber,cardSerial,birthDate',
        registrationNumberCode: 'loss.registration_number_missing',
        cardSerialCode: 'loss.card_serial_missing',
        birthDateCode: 'loss.birth_date_missing',
      },
    });
  });

  it('answers in the body’s locale, else NEXT_LOCALE, else Accept-Language', async () => {
    const bad = { registrationNumber: 5 };
    const en = await errorOf(await postJson(identify, '/api/enrollment/identify', { ...bad, locale: 'en' }));
    const vi = await errorOf(await postJson(identify, '/api/enrollment/identify', { ...bad, locale: 'vi' }));
    expect(en.message).toBe(messages('en').invalid_input);
    expect(vi.message).toBe(messages('vi').invalid_input);
    expect(vi.message).not.toBe(en.message);
    const cookie = await errorOf(await postJson(identify, '/api/enrollment/identify', bad, { cookie: 'NEXT_LOCALE=vi' }));
    expect(cookie.message).toBe(vi.message);
    const unreadable = await errorOf(await call(smsVerify, '/api/enrollment/sms/verify', { body: '{', headers: { 'accept-language': 'vi-VN,vi;q=0.9,en;q=0.5' } }));
    expect(unreadable.message).toBe(messages('vi').bad_request);
    const ar = await errorOf(await postJson(unlockOptions, '/api/passkeys/unlock/options', { locale: 'ar', credentialId: 'A'.repeat(20) }));
    expect(ar).toMatchObject({ code: 'passkeys.credential_unknown', message: messages('ar').passkeys.credential_unknown });
  });

  it('a domain refusal carries its params into the message', async () => {
    const resident = await addResident(database.db, database.keys);
    const response = await postJson(identify, '/api/enrollment/identify', {
      locale: 'vi',
      registrationNumber: resident.registrationNumber,
      cardSerial: 'ZZ999999999', // well-formed, not this resident's: a try is spent
      birthDate: '1990-05-17',
    });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error).toMatchObject({ code: 'enrollment.identity_mismatch', params: { triesLeft: 4 } });
    expect(error.message).toContain('4');
  });

  it('a detail of the wrong form is named, kept for the page (not in the URL), and spends no try', async () => {
    const resident = await addResident(database.db, database.keys);
    const eightDigits = { locale: 'ne', path: 'chip', registrationNumber: '12345678', cardSerial: resident.serial, birthDate: '1990-05-17' };
    const first = await postForm(identify, '/api/enrollment/identify', eightDigits);
    expect(seeOtherTo(first)).toEqual({ pathname: '/ne/enroll/chip', query: { error: 'invalid_input', fields: 'registrationNumber' } });
    const setCookie = first.headers.get('set-cookie') ?? '';
    expect(setCookie).toContain('arc_form=');
    expect(first.headers.get('location')).not.toContain('12345678');
    expect(setCookie).not.toContain('12345678');
    const token = enrollmentCookieOf(first)!;
    const wrong = { ...eightDigits, registrationNumber: resident.registrationNumber, cardSerial: 'ZZ999999999' };
    const second = await postForm(identify, '/api/enrollment/identify', wrong, { cookie: `${ENROLLMENT_COOKIE}=${token}` });
    // The first well-formed wrong try is the first one counted.
    expect(seeOtherTo(second).query).toEqual({ error: 'enrollment.identity_mismatch', triesLeft: '4' });
  });

  it('a form post in another locale goes back to that locale’s step page, with the code and its params', async () => {
    const resident = await addResident(database.db, database.keys);
    const wrong = { locale: 'vi', path: 'reissue', registrationNumber: resident.registrationNumber, cardSerial: 'ZZ999999999', birthDate: '1990-05-17' };
    const first = await postForm(identify, '/api/enrollment/identify', wrong);
    expect(seeOtherTo(first)).toEqual({ pathname: '/vi/enroll/reissue', query: { error: 'enrollment.identity_mismatch', triesLeft: '4' } });
    // The enrollment cookie is set even though the step failed: the next wrong try counts on the same enrollment.
    const token = enrollmentCookieOf(first)!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const second = await postForm(identify, '/api/enrollment/identify', wrong, { cookie: `${ENROLLMENT_COOKIE}=${token}` });
    expect(seeOtherTo(second).query).toEqual({ error: 'enrollment.identity_mismatch', triesLeft: '3' });
    expect(enrollmentCookieOf(second)).toBe(token);
  });

  it('a form post that fails in its step goes back to its step page', async () => {
    expect(seeOtherTo(await postForm(smsVerify, '/api/enrollment/sms/verify', { locale: 'en', code: '123456' }))).toEqual({
      pathname: '/en/enroll/sms',
      query: { error: 'enrollment.no_enrollment' },
    });
    expect(seeOtherTo(await postForm(smsResend, '/api/enrollment/sms/resend', { locale: 'th' }))).toEqual({
      pathname: '/th/enroll/sms',
      query: { error: 'enrollment.no_enrollment' },
    });
    expect(seeOtherTo(await postForm(grant, '/api/enrollment/grant', { locale: 'en', path: 'video', shortCode: 'ZZZZ-9999' }))).toMatchObject({
      pathname: '/en/enroll/video',
      query: { error: expect.stringMatching(/^enrollment\./) },
    });
  });

  it('JSON steps without an enrollment → 409 enrollment.no_enrollment', async () => {
    for (const [handler, name, body] of [
      [smsVerify, '/api/enrollment/sms/verify', { code: '123456' }],
      [chipChallenge, '/api/enrollment/chip/challenge', {}],
      [chipVerify, '/api/enrollment/chip/verify', { challenge, signature: 'abc' }],
      [registrationOptions, '/api/passkeys/registration/options', {}],
    ] as const) {
      const response = await postJson(handler, name, body);
      expect(response.status, name).toBe(409);
      expect((await errorOf(response)).code).toBe('enrollment.no_enrollment');
    }
  });

  it('the chip simulator is a 404 outside the demo, before reading anything', async () => {
    serve(false);
    try {
      const response = await postJson(chipSimulator, '/api/enrollment/chip-simulator', { challenge });
      expect(response.status).toBe(404);
      expect((await errorOf(response)).code).toBe('not_found');
    } finally {
      serve(true);
    }
    // A demo database this install did not seed has no simulator secret.
    const unseeded = await postJson(chipSimulator, '/api/enrollment/chip-simulator', { challenge });
    expect(unseeded.status).toBe(404);
    expect((await errorOf(unseeded)).code).toBe('enrollment.simulator_unavailable');
  });

  it('restart clears the cookie and goes where it is asked', async () => {
    const form = await postForm(restart, '/api/enrollment/restart', { locale: 'ko', to: 'reissue' });
    expect(seeOtherTo(form)).toEqual({ pathname: '/ko/enroll/reissue', query: {} });
    expect(form.headers.get('set-cookie')).toMatch(new RegExp(`^${ENROLLMENT_COOKIE}=;.*Max-Age=0`, 'i'));
    const json = await postJson(restart, '/api/enrollment/restart', { locale: 'en' });
    expect(await json.json()).toEqual({ url: '/en/enroll' });
  });
});

describe('an enrollment through the routes', () => {
  it('identify → SMS → chip → passkey → status → unlock', async () => {
    const resident = await addResident(database.db, database.keys);
    const identified = await postJson(
      identify,
      '/api/enrollment/identify',
      { path: 'chip', locale: 'en', registrationNumber: resident.registrationNumber, cardSerial: resident.serial, birthDate: resident.birthDate },
      { cookie: 'arc_c=fair-2026' },
    );
    expect(identified.status).toBe(200);
    expect(await identified.json()).toEqual({ step: 'sms', url: '/en/enroll/sms' });
    const setCookie = identified.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=lax/i);
    expect(setCookie).not.toMatch(/Secure/i);
    const [opened] = await database.db.select({ campaign: enrollments.campaign }).from(enrollments).orderBy(desc(enrollments.startedAt)).limit(1);
    expect(opened?.campaign).toBe('fair-2026');
    const cookie = `${ENROLLMENT_COOKIE}=${enrollmentCookieOf(identified)}`;

    const verified = await postJson(smsVerify, '/api/enrollment/sms/verify', { locale: 'en', code: await lastSmsCode(database.db) }, { cookie });
    expect(verified.status).toBe(200);
    expect(await verified.json()).toEqual({ step: 'chip', url: '/en/enroll/tap-card' });

    const chip = (await (await postJson(chipChallenge, '/api/enrollment/chip/challenge', { locale: 'en' }, { cookie })).json()) as { challenge: string };
    const signed = await new CardSimulator(TEST_CHIP_SECRET).signChallenge(resident.serial, Buffer.from(chip.challenge, 'base64url'));
    const proved = await postJson(chipVerify, '/api/enrollment/chip/verify', { challenge: chip.challenge, signature: Buffer.from(signed).toString('base64url') }, { cookie });
    expect(await proved.json()).toEqual({ step: 'passkey', url: '/en/enroll/passkey' });

    const phone = new TestPhone();
    const { options } = (await (await postJson(registrationOptions, '/api/passkeys/registration/options', {}, { cookie })).json()) as { options: never };
    const issued = await postJson(registrationVerify, '/api/passkeys/registration/verify', await phone.register(options), { cookie });
    expect(issued.status).toBe(200);
    const card = (await issued.json()) as { credentialId: string; url: string };
    expect(card.url).toBe('/en/enroll/done');

    expect(await (await postJson(cardStatus, '/api/passkeys/status', { credentialId: card.credentialId })).json()).toMatchObject({ status: 'active' });
    const unlock = (await (await postJson(unlockOptions, '/api/passkeys/unlock/options', { credentialId: card.credentialId })).json()) as { options: never };
    const unlocked = await postJson(unlockVerify, '/api/passkeys/unlock/verify', await phone.unlock(unlock.options));
    expect(await unlocked.json()).toEqual({ unlocked: true, credentialId: card.credentialId });
  });

  it('identify → SMS as plain form posts (no JavaScript), the cookie Secure behind https', async () => {
    const resident = await addResident(database.db, database.keys);
    const https = { 'x-forwarded-proto': 'https' };
    const identified = await postForm(
      identify,
      '/api/enrollment/identify',
      { locale: 'vi', path: 'chip', registrationNumber: resident.registrationNumber, cardSerial: resident.serial, birthDate: resident.birthDate },
      { headers: https },
    );
    expect(seeOtherTo(identified)).toEqual({ pathname: '/vi/enroll/sms', query: {} });
    expect(identified.headers.get('set-cookie')).toMatch(/Secure/i);
    const cookie = `${ENROLLMENT_COOKIE}=${enrollmentCookieOf(identified)}`;
    const code = await lastSmsCode(database.db);
    const wrong = code === '000000' ? '111111' : '000000';
    expect(seeOtherTo(await postForm(smsVerify, '/api/enrollment/sms/verify', { locale: 'vi', code: wrong }, { cookie }))).toEqual({
      pathname: '/vi/enroll/sms',
      query: { error: 'enrollment.sms_code_wrong', triesLeft: '4' },
    });
    expect(seeOtherTo(await postForm(smsVerify, '/api/enrollment/sms/verify', { locale: 'vi', code }, { cookie }))).toEqual({
      pathname: '/vi/enroll/tap-card',
      query: {},
    });
  });
});
