// The server-action wrapper: the form is the last argument whatever the
// arity; anything else, another site's post, too many or too long fields
// and a missing staff session are answered by the action's own `failed`,
// in the reader's language, without running the action — never a throw.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { systemClock } from '@/lib/clock';
import { readConfig } from '@/lib/config';
import { formAction } from './action';

let requestHeaders = new Headers();
const jar = new Map<string, string>();
vi.mock('next/headers', () => ({
  cookies: async () => ({ get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined) }),
  headers: async () => requestHeaders,
}));

const KEY = Symbol.for('arc-mobile.app-context');
const holder = globalThis as Record<symbol, unknown>;
let database: TestDatabase;

beforeAll(async () => {
  database = await openTestDatabase();
  const config = readConfig({ ARC_DATA_DIR: '/nonexistent', PORT: '3000' });
  holder[KEY] = Promise.resolve({ db: database.db, keys: database.keys, clock: systemClock, database, config, demo: false });
});
afterAll(async () => {
  delete holder[KEY];
  await database.close();
});
beforeEach(() => {
  requestHeaders = new Headers({ host: 'localhost:3000', origin: 'http://localhost:3000' });
  jar.clear();
});

type State = { ok: boolean; code?: string; message?: string; kept?: Record<string, string> };
const ran: string[] = [];
const rename = formAction(
  { input: z.object({ name: z.string().min(1).max(20) }), failed: (f): State => ({ ok: false, code: f.code, message: f.message, kept: f.fields }) },
  async (input): Promise<State> => {
    ran.push(input.name);
    return { ok: true };
  },
);
const officerOnly = formAction(
  { input: z.object({}), staff: ['officer'], failed: (f): State => ({ ok: false, code: f.code }) },
  async (): Promise<State> => ({ ok: true }),
);

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

describe('formAction()', () => {
  it('runs with the form as its last argument, for <form action> and useActionState alike', async () => {
    expect(await rename(form({ name: 'Lan' }))).toEqual({ ok: true });
    expect(await rename({ ok: false }, form({ name: 'Wei' }))).toEqual({ ok: true });
    expect(ran).toEqual(['Lan', 'Wei']);
  });

  it.each([
    ['no argument', [], 'bad_request'],
    ['null', [null], 'bad_request'],
    ['a plain object', [{ name: 'x' }], 'bad_request'],
    ['a state and no form', [{ ok: true }, null], 'bad_request'],
    ['a missing field', [form({})], 'invalid_input'],
    ['a field too long for the schema', [form({ name: 'x'.repeat(21) })], 'invalid_input'],
    ['a field over the wrapper\'s limit', [form({ name: 'x'.repeat(5000) })], 'payload_too_large'],
  ])('answers %s with its failed state, without running', async (_, args, code) => {
    const before = ran.length;
    const state = await rename(...(args as unknown[]));
    expect(state).toMatchObject({ ok: false, code });
    expect(state.message).toBeTruthy();
    expect(ran.length).toBe(before);
  });

  it('refuses another site\'s post, keeps what was typed, and speaks the form\'s language', async () => {
    requestHeaders = new Headers({ host: 'localhost:3000', origin: 'https://evil.example' });
    const state = await rename(form({ name: 'Lan', locale: 'vi' }));
    expect(state).toMatchObject({ ok: false, code: 'cross_site', kept: { name: 'Lan', locale: 'vi' } });
    requestHeaders = new Headers({ host: 'localhost:3000', origin: 'http://localhost:3000' });
    const english = (await rename(form({ name: 'Lan', locale: 'en' }), 'x') as State);
    expect(english.code).toBe('bad_request');
    const vi = (await rename(form({ locale: 'vi' }))) as State;
    const en = (await rename(form({ locale: 'en' }))) as State;
    expect(vi.code).toBe('invalid_input');
    expect(vi.message).not.toBe(en.message);
  });

  it('asks for the staff session and role the spec names', async () => {
    expect(await officerOnly(form({}))).toEqual({ ok: false, code: 'staff.not_signed_in' });
    jar.set('arc_staff', 'forged');
    expect(await officerOnly(form({}))).toEqual({ ok: false, code: 'staff.not_signed_in' });
  });
});
