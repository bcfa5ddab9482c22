// The video check's endpoints on the route wrapper, on an in-memory
// database: a whole session through them (the resident by the booking's
// secret, the officer by their staff session: join, SMS code, relay both
// ways, checklist, approval and the grant on the resident's side), and a
// table of malformed or unauthorised requests, each with its exact status
// and code in the one error body, never a 5xx.
import { createHash, randomBytes } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bookings, slots, smsOutbox, staff } from '@/db/schema';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { systemClock } from '@/lib/context';
import { addResident } from '@/lib/enrollment/testing';
import { startProofingSession } from '@/lib/proofing';
import { createSession, STAFF_SESSION_TTL_MS } from '@/lib/security';
import { seedDemoStaff } from '@/lib/staff';
import { GET as callState } from './call/route';
import { POST as join } from './call/join/route';
import { POST as code } from './call/code/route';
import { POST as resend } from './call/code/resend/route';
import { POST as consent } from './call/consent/route';
import { GET as residentRead, POST as residentPost } from './call/signals/route';
import { GET as sessionView } from './sessions/[id]/route';
import { GET as officerRead, POST as officerPost } from './sessions/[id]/signals/route';
import { POST as checklist } from './sessions/[id]/checklist/route';
import { POST as fraud } from './sessions/[id]/fraud/route';
import { POST as stills } from './sessions/[id]/stills/route';
import { POST as outcome } from './sessions/[id]/outcome/route';

const ORIGIN = 'http://localhost:3000';
const KEY = Symbol.for('arc-mobile.app-context');
const holder = globalThis as Record<symbol, unknown>;
const ICE = [{ urls: 'stun:stun.example.go.kr:3478' }];
let database: TestDatabase;
let officerId: string;
let officerCookie: string;
let otherOfficerCookie: string;
let analystCookie: string;

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'info').mockImplementation(() => {});
  database = await openTestDatabase();
  const config = { rpId: 'localhost', origins: [ORIGIN], refuseBackupEligible: false, demo: true, smsGateway: undefined, iceServers: ICE };
  holder[KEY] = Promise.resolve({ db: database.db, keys: database.keys, clock: systemClock, database, config, demo: true });
  await seedDemoStaff(database.db, database.keys, systemClock);
  const rows = await database.db.select().from(staff);
  const officer = rows.find((r) => r.role === 'officer')!;
  officerId = officer.id;
  const [second] = await database.db
    .insert(staff)
    .values({ ...(({ id: _id, ...rest }) => rest)(officer), handleHash: randomBytes(32), handleEnc: randomBytes(40), webauthnUserId: randomBytes(32) })
    .returning({ id: staff.id });
  const session = async (subjectId: string) => `arc_staff=${await createSession(database.db, systemClock, { kind: 'staff', subjectId, ttlMs: STAFF_SESSION_TTL_MS })}`;
  officerCookie = await session(officerId);
  otherOfficerCookie = await session(second!.id);
  analystCookie = await session(rows.find((r) => r.role === 'analyst')!.id);
});
afterAll(async () => {
  delete holder[KEY];
  await database?.close();
});

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
type Send = { method?: 'GET' | 'POST'; body?: unknown; raw?: string; type?: string; headers?: Record<string, string>; cookie?: string; params?: Record<string, string> };

async function call(handler: Handler, path: string, send: Send = {}): Promise<Response> {
  const method = send.method ?? (send.body === undefined && send.raw === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = { ...send.headers };
  if (method === 'POST') headers['content-type'] = send.type ?? 'application/json';
  if (send.cookie) headers.cookie = send.cookie;
  const body = method === 'POST' ? (send.raw ?? JSON.stringify(send.body ?? {})) : undefined;
  const response = await handler(new NextRequest(`${ORIGIN}${path}`, { method, headers, body }), { params: Promise.resolve(send.params ?? {}) });
  expect(response.status, `${path}: never a 5xx`).toBeLessThan(500);
  return response;
}

async function errorOf(response: Response): Promise<{ code: string; message: string; params: Record<string, unknown> }> {
  const body = (await response.json()) as { error: { code: string; message: string; params: Record<string, unknown> } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.message.trim()).not.toBe('');
  return body.error;
}

/** A video slot starting in a few minutes and one resident's booking of it. */
async function book(): Promise<{ secret: string; bookingId: string }> {
  const resident = await addResident(database.db, database.keys, { kind: 'legacy', issuedOn: '2020-01-01' });
  const [slot] = await database.db
    .insert(slots)
    .values({ kind: 'video', startsAt: new Date(Date.now() + 5 * 60_000), minutes: 20, capacity: 1, booked: 1, languages: ['vi'], officerId, createdAt: new Date() })
    .returning({ id: slots.id });
  const secret = randomBytes(32).toString('base64url');
  const [booking] = await database.db
    .insert(bookings)
    .values({
      reference: `B-${randomBytes(4).toString('hex').toUpperCase()}`,
      slotId: slot!.id,
      residentId: resident.id,
      locale: 'vi',
      secretHash: createHash('sha256').update(secret).digest(),
      createdAt: new Date(),
    })
    .returning({ id: bookings.id });
  return { secret, bookingId: booking!.id };
}

async function lastCode(): Promise<{ code: string; body: string; locale: string }> {
  const [row] = await database.db.select().from(smsOutbox).orderBy(desc(smsOutbox.id)).limit(1);
  return { code: row!.body.match(/\b(\d{6})\b/)![1]!, body: row!.body, locale: row!.locale };
}

describe('a video session through the endpoints', () => {
  it('join, SMS code in the booking language, relay both ways, checklist, approval, the grant on the resident’s page', async () => {
    const { secret, bookingId } = await book();
    const residentHeaders = { 'x-booking-secret': secret };
    let state = await (await call(callState, '/api/proofing/call', { headers: residentHeaders })).json();
    expect(state).toMatchObject({ phase: 'waiting', iceServers: ICE });
    // Before the officer starts: a typed refusal the page waits on.
    expect((await errorOf(await call(join, '/api/proofing/call/join', { body: { secret, stillsConsent: true } }))).code).toBe('video.session_not_started');

    const { sessionId } = await startProofingSession({ db: database.db, clock: systemClock, keys: database.keys }, { officerId, bookingId });
    const params = { id: sessionId };
    const joined = await (await call(join, '/api/proofing/call/join', { body: { secret, stillsConsent: true, locale: 'vi' } })).json();
    expect(joined.codeSentTo).toMatch(/^010-\*+-\d{4}$/);
    const sms = await lastCode();
    expect(sms.locale).toBe('vi');
    expect(sms.body).toContain('ARC Mobile');
    expect(sms.body).not.toMatch(/video check code/); // in Vietnamese, not English

    // The relay: resident → officer and back, in order.
    await call(residentPost, '/api/proofing/call/signals', { body: { secret, kind: 'hello', payload: { generation: 'r1' } } });
    const toOfficer = await (await call(officerRead, `/api/proofing/sessions/${sessionId}/signals?after=0`, { cookie: officerCookie, params })).json();
    expect(toOfficer.signals.map((s: { kind: string }) => s.kind)).toEqual(['hello']);
    await call(officerPost, `/api/proofing/sessions/${sessionId}/signals`, { body: { kind: 'offer', payload: { generation: 'o1', sdp: 'v=0' } }, cookie: officerCookie, params });
    const toResident = await (await call(residentRead, '/api/proofing/call/signals?after=0', { headers: residentHeaders })).json();
    expect(toResident.signals.map((s: { kind: string; payload: unknown }) => [s.kind, s.payload])).toEqual([['offer', { generation: 'o1', sdp: 'v=0' }]]);
    // Another officer reads nothing of it.
    expect((await errorOf(await call(officerRead, `/api/proofing/sessions/${sessionId}/signals`, { cookie: otherOfficerCookie, params }))).code).toBe('video.not_your_session');

    // A wrong code: the message in the page's language, the tries left as a parameter.
    const wrong = await call(code, '/api/proofing/call/code', { body: { secret, code: sms.code === '000000' ? '111111' : '000000', locale: 'vi' } });
    expect(wrong.status).toBe(400);
    const refused = await errorOf(wrong);
    expect(refused).toMatchObject({ code: 'video.code_wrong', params: { triesLeft: 4 } });
    expect(refused.message).toContain('4');
    expect((await errorOf(await call(resend, '/api/proofing/call/code/resend', { body: { secret } }))).code).toBe('video.code_resend_wait');
    expect((await (await call(code, '/api/proofing/call/code', { body: { secret, code: sms.code } })).json())).toEqual({ confirmed: true });

    // The officer's view has the registry facts, the checklist and consent.
    let view = await (await call(sessionView, `/api/proofing/sessions/${sessionId}`, { cookie: officerCookie, params })).json();
    expect(view).toMatchObject({ joined: true, stillsConsent: true, code: { confirmed: true }, approvable: false, iceServers: ICE });
    expect(view.resident.card.serial).toMatch(/^RC/);
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(500)]).toString('base64');
    expect(await (await call(stills, `/api/proofing/sessions/${sessionId}/stills`, { body: { kind: 'face', image: jpeg }, cookie: officerCookie, params })).json()).toMatchObject({ kind: 'face' });
    expect((await errorOf(await call(outcome, `/api/proofing/sessions/${sessionId}/outcome`, { body: { outcome: 'approve' }, cookie: officerCookie, params }))).code).toBe(
      'video.checklist_incomplete',
    );
    const items = { card_front: true, card_back: true, card_tilt: true, serial_read_matches: true, face_matches: true, liveness_done: true };
    const ticked = await (await call(checklist, `/api/proofing/sessions/${sessionId}/checklist`, { body: { items }, cookie: officerCookie, params })).json();
    expect(Object.values(ticked.checklist).every(Boolean)).toBe(true);
    view = await (await call(sessionView, `/api/proofing/sessions/${sessionId}`, { cookie: officerCookie, params })).json();
    expect(view.approvable).toBe(true);
    const approved = await (await call(outcome, `/api/proofing/sessions/${sessionId}/outcome`, { body: { outcome: 'approve' }, cookie: officerCookie, params })).json();
    expect(approved.outcome).toBe('approved');

    state = await (await call(callState, '/api/proofing/call', { headers: residentHeaders })).json();
    expect(state).toMatchObject({ phase: 'ended', outcome: 'approved', grantState: 'live' });
    expect(state.grant.code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only "bye" after the outcome.
    expect((await errorOf(await call(residentPost, '/api/proofing/call/signals', { body: { secret, kind: 'offer', payload: { generation: 'x', sdp: 'v=0' } } }))).code).toBe(
      'video.session_ended',
    );
    expect((await call(residentPost, '/api/proofing/call/signals', { body: { secret, kind: 'bye', payload: {} } })).status).toBe(200);
  });

  it('a rejection and a fraud flag through the endpoints', async () => {
    const { secret, bookingId } = await book();
    const { sessionId } = await startProofingSession({ db: database.db, clock: systemClock, keys: database.keys }, { officerId, bookingId });
    const params = { id: sessionId };
    await call(join, '/api/proofing/call/join', { body: { secret } });
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(100)]).toString('base64');
    expect((await errorOf(await call(stills, `/api/proofing/sessions/${sessionId}/stills`, { body: { kind: 'face', image: jpeg }, cookie: officerCookie, params }))).code).toBe(
      'video.stills_not_consented',
    );
    expect(await (await call(consent, '/api/proofing/call/consent', { body: { secret, consent: true } })).json()).toEqual({ consent: true, deleted: 0 });
    await call(fraud, `/api/proofing/sessions/${sessionId}/fraud`, { body: { reason: 'someone_helping', note: 'a voice off camera answered' }, cookie: officerCookie, params });
    expect((await errorOf(await call(outcome, `/api/proofing/sessions/${sessionId}/outcome`, { body: { outcome: 'approve' }, cookie: officerCookie, params }))).code).toBe('video.fraud_flagged');
    await call(outcome, `/api/proofing/sessions/${sessionId}/outcome`, { body: { outcome: 'reject', reason: 'suspected_fraud' }, cookie: officerCookie, params });
    const state = await (await call(callState, '/api/proofing/call', { headers: { 'x-booking-secret': secret } })).json();
    expect(state).toMatchObject({ outcome: 'rejected', reasonCode: 'suspected_fraud', grant: null });
    const [row] = await database.db.select({ status: bookings.status }).from(bookings).where(eq(bookings.id, bookingId));
    expect(row!.status).toBe('completed');
  });
});

describe('refusals', () => {
  const someId = '00000000-0000-4000-8000-000000000000';
  const cases: Array<{ name: string; handler: Handler; path: string; send: Send; status: number; code: string }> = [
    { name: 'state without the secret header', handler: callState, path: '/api/proofing/call', send: {}, status: 404, code: 'video.booking_unknown' },
    { name: 'state with an unknown secret', handler: callState, path: '/api/proofing/call', send: { headers: { 'x-booking-secret': 'A'.repeat(43) } }, status: 404, code: 'video.booking_unknown' },
    { name: 'state with a malformed secret', handler: callState, path: '/api/proofing/call', send: { headers: { 'x-booking-secret': '../../etc' } }, status: 404, code: 'video.booking_unknown' },
    { name: 'join without a secret', handler: join, path: '/api/proofing/call/join', send: { body: {} }, status: 400, code: 'invalid_input' },
    { name: 'join with consent as text', handler: join, path: '/api/proofing/call/join', send: { body: { secret: 'A'.repeat(43), stillsConsent: 'yes' } }, status: 400, code: 'invalid_input' },
    { name: 'join from another site', handler: join, path: '/api/proofing/call/join', send: { body: { secret: 'A'.repeat(43) }, headers: { origin: 'https://evil.example' } }, status: 403, code: 'cross_site' },
    { name: 'join with an oversized body', handler: join, path: '/api/proofing/call/join', send: { raw: JSON.stringify({ secret: 'x'.repeat(4000) }) }, status: 413, code: 'payload_too_large' },
    { name: 'code as a number', handler: code, path: '/api/proofing/call/code', send: { body: { secret: 'A'.repeat(43), code: 123456 } }, status: 400, code: 'invalid_input' },
    { name: 'code for an unknown booking', handler: code, path: '/api/proofing/call/code', send: { body: { secret: 'A'.repeat(43), code: '123456' } }, status: 404, code: 'video.booking_unknown' },
    { name: 'consent missing', handler: consent, path: '/api/proofing/call/consent', send: { body: { secret: 'A'.repeat(43) } }, status: 400, code: 'invalid_input' },
    { name: 'a signal of an unknown kind', handler: residentPost, path: '/api/proofing/call/signals', send: { body: { secret: 'A'.repeat(43), kind: 'shout', payload: {} } }, status: 400, code: 'invalid_input' },
    { name: 'a signal read after a negative seq', handler: residentRead, path: '/api/proofing/call/signals?after=-1', send: { headers: { 'x-booking-secret': 'A'.repeat(43) } }, status: 400, code: 'invalid_input' },
    { name: 'a text/html body', handler: residentPost, path: '/api/proofing/call/signals', send: { raw: '<p>', type: 'text/html' }, status: 415, code: 'unsupported_media_type' },
    { name: 'the officer view signed out', handler: sessionView, path: `/api/proofing/sessions/${someId}`, send: { params: { id: someId } }, status: 401, code: 'staff.not_signed_in' },
    { name: 'the officer view as an analyst', handler: sessionView, path: `/api/proofing/sessions/${someId}`, send: { params: { id: someId }, cookie: 'ANALYST' }, status: 403, code: 'staff.forbidden' },
    { name: 'a session id that is no uuid', handler: sessionView, path: '/api/proofing/sessions/x', send: { params: { id: 'x' }, cookie: 'OFFICER' }, status: 400, code: 'invalid_input' },
    { name: 'an unknown session', handler: sessionView, path: `/api/proofing/sessions/${someId}`, send: { params: { id: someId }, cookie: 'OFFICER' }, status: 404, code: 'video.session_unknown' },
    { name: 'ticking the code by hand', handler: checklist, path: `/api/proofing/sessions/${someId}/checklist`, send: { params: { id: someId }, cookie: 'OFFICER', body: { items: { code_confirmed: true } } }, status: 400, code: 'invalid_input' },
    { name: 'a fraud reason not on the list', handler: fraud, path: `/api/proofing/sessions/${someId}/fraud`, send: { params: { id: someId }, cookie: 'OFFICER', body: { reason: 'vibes' } }, status: 400, code: 'invalid_input' },
    { name: 'a rejection without a reason', handler: outcome, path: `/api/proofing/sessions/${someId}/outcome`, send: { params: { id: someId }, cookie: 'OFFICER', body: { outcome: 'reject' } }, status: 400, code: 'invalid_input' },
    { name: 'an outcome that does not exist', handler: outcome, path: `/api/proofing/sessions/${someId}/outcome`, send: { params: { id: someId }, cookie: 'OFFICER', body: { outcome: 'maybe' } }, status: 400, code: 'invalid_input' },
    { name: 'a still that is not base64', handler: stills, path: `/api/proofing/sessions/${someId}/stills`, send: { params: { id: someId }, cookie: 'OFFICER', body: { kind: 'face', image: 'not base64!' } }, status: 400, code: 'invalid_input' },
    { name: 'a still of another kind', handler: stills, path: `/api/proofing/sessions/${someId}/stills`, send: { params: { id: someId }, cookie: 'OFFICER', body: { kind: 'selfie', image: 'AAAA' } }, status: 400, code: 'invalid_input' },
    { name: 'an officer signal to an unknown session', handler: officerPost, path: `/api/proofing/sessions/${someId}/signals`, send: { params: { id: someId }, cookie: 'OFFICER', body: { kind: 'bye', payload: {} } }, status: 404, code: 'video.session_unknown' },
  ];

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const cookie = c.send.cookie === 'OFFICER' ? officerCookie : c.send.cookie === 'ANALYST' ? analystCookie : c.send.cookie;
    const response = await call(c.handler, c.path, { ...c.send, cookie });
    expect(response.status).toBe(c.status);
    expect((await errorOf(response)).code).toBe(c.code);
  });
});
