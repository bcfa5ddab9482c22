// The staff server actions called the way a broken or hostile client can
// call them: no form, a null previous state, a form with a file or with
// fields that are not what the form sends, another site's post. Each gets
// its own `failed` answer (a state with a message, or a redirect back to its
// page with ?error=<code>), never a throw that would be a 500.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixedClock } from '@/lib/clock';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { createSession, readSession, STAFF_SESSION_TTL_MS } from '@/lib/security';
import { seedDemoStaff } from '@/lib/staff';
import { staff } from '@/db/schema';

const ORIGIN = 'http://localhost:3000';
const jar = new Map<string, string>();
let requestHeaders = new Headers();
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    set: (name: string, value: string) => void jar.set(name, value),
  }),
  headers: async () => requestHeaders,
}));

const { changeRoleAction, demoSignInAction, inviteStaffAction, officerDeskAction, signOutAction } = await import('./actions');

const CONTEXT = Symbol.for('arc-mobile.app-context');
const holder = globalThis as Record<symbol, unknown>;
const clock = fixedClock('2026-03-03T02:00:00Z');
let database: TestDatabase;
let ids: Record<'officer' | 'admin', string>;

function serve(demo: boolean) {
  holder[CONTEXT] = Promise.resolve({
    db: database.db,
    keys: database.keys,
    clock,
    database,
    config: { rpId: 'localhost', origins: [ORIGIN], demo, seedDemo: demo },
    demo,
  });
}

async function signIn(role: 'officer' | 'admin'): Promise<string> {
  const token = await createSession(database.db, clock, { kind: 'staff', subjectId: ids[role], ttlMs: STAFF_SESSION_TTL_MS });
  jar.set('arc_staff', token);
  return token;
}

function form(fields: Record<string, string | Blob>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

/** Where a call redirected to (Next's redirect() throws), or a failure naming what it did instead. */
async function redirectOf(call: Promise<unknown>): Promise<string> {
  try {
    const value = await call;
    return `no redirect: ${JSON.stringify(value)}`;
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? '';
    if (!digest.startsWith('NEXT_REDIRECT')) throw error;
    return digest.split(';')[2]!;
  }
}

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
  database = await openTestDatabase();
  await seedDemoStaff(database.db, database.keys, clock);
  const rows = await database.db.select().from(staff);
  ids = { officer: rows.find((r) => r.role === 'officer')!.id, admin: rows.find((r) => r.role === 'admin')!.id };
});

beforeEach(() => {
  jar.clear();
  requestHeaders = new Headers({ host: 'localhost:3000', origin: ORIGIN });
  serve(false);
});

afterAll(async () => {
  delete holder[CONTEXT];
  await database?.close();
  vi.restoreAllMocks();
});

describe('signOutAction', () => {
  it('with no form at all (null) still ends the session, drops the cookie and goes to the sign-in page', async () => {
    const token = await signIn('officer');
    expect(await redirectOf(signOutAction(null))).toBe('/en/staff/sign-in');
    expect(jar.get('arc_staff')).toBe('');
    expect(await readSession(database.db, clock, token, 'staff')).toBeNull();
  });

  it('with a broken form (a file in it) still signs out, in the language the phone chose', async () => {
    const token = await signIn('officer');
    jar.set('NEXT_LOCALE', 'vi');
    expect(await redirectOf(signOutAction(form({ locale: 'vi', upload: new Blob(['x']) })))).toBe('/vi/staff/sign-in');
    expect(jar.get('arc_staff')).toBe('');
    expect(await readSession(database.db, clock, token, 'staff')).toBeNull();
  });

  it('still drops the cookie when the database does not answer', async () => {
    await signIn('officer');
    const down = Promise.reject(new Error('database down'));
    down.catch(() => {});
    holder[CONTEXT] = down;
    expect(await redirectOf(signOutAction(form({ locale: 'en' })))).toBe('/en/staff/sign-in');
    expect(jar.get('arc_staff')).toBe('');
  });
});

describe('demoSignInAction', () => {
  it('with a bad form goes back to the demo page with the code', async () => {
    serve(true);
    expect(await redirectOf(demoSignInAction(form({ locale: 'en', role: 'root' })))).toBe('/en/staff/demo?error=invalid_input');
    expect(await redirectOf(demoSignInAction(null))).toBe('/en/staff/demo?error=bad_request');
    expect(jar.has('arc_staff')).toBe(false);
  });

  it('does not exist outside the demo', async () => {
    serve(false);
    expect(await redirectOf(demoSignInAction(form({ locale: 'en', role: 'officer' })))).toBe('/en/staff/demo?error=not_found');
    expect(jar.has('arc_staff')).toBe(false);
  });
});

describe('inviteStaffAction', () => {
  it.each([
    ['no arguments', []],
    ['a null state and no form', [null, null]],
    ['a string instead of a form', [{ status: 'idle' }, 'text']],
  ])('%s: an error state with a message', async (_name, args) => {
    await signIn('admin');
    const state = (await inviteStaffAction(...(args as unknown[]))) as { status: string; message?: string };
    expect(state.status).toBe('error');
    expect(state.message).toMatch(/\S/);
  });

  it('is refused to an officer, with the message of the refusal', async () => {
    await signIn('officer');
    const state = (await inviteStaffAction({ status: 'idle' }, form({ locale: 'en', displayName: 'X', handle: 'x@example.org', role: 'admin' }))) as {
      status: string;
    };
    expect(state.status).toBe('error');
  });

  it('is refused when another site posts it', async () => {
    await signIn('admin');
    requestHeaders = new Headers({ host: 'localhost:3000', origin: 'https://evil.example' });
    const state = (await inviteStaffAction({ status: 'idle' }, form({ locale: 'en', displayName: 'X', handle: 'x@example.org', role: 'admin' }))) as {
      status: string;
    };
    expect(state.status).toBe('error');
  });
});

describe('changeRoleAction', () => {
  it('with no form, or a staff id that is not one, goes back to the admin page with the code', async () => {
    await signIn('admin');
    expect(await redirectOf(changeRoleAction('text'))).toBe('/en/staff/admin?error=bad_request');
    expect(await redirectOf(changeRoleAction(form({ locale: 'en', staffId: '1 OR 1=1', role: 'admin' })))).toBe('/en/staff/admin?error=invalid_input');
  });
});

describe('officerDeskAction', () => {
  it.each([
    ['a null previous state and no form', [null, null]],
    ['no arguments', []],
    ['a number as the form', [{}, 5]],
    ['a resident id of 2^31', [null, form({ locale: 'en', intent: 'issue', registrationNumber: '880923-5000001', residentId: String(2 ** 31) })]],
    ['an intent it does not know', [null, form({ locale: 'en', intent: 'delete', registrationNumber: '1' })]],
  ])('%s: a state with the message, no throw', async (_name, args) => {
    await signIn('officer');
    const state = (await officerDeskAction(...(args as unknown[]))) as { error?: string; grant?: unknown };
    expect(state.error).toMatch(/\S/);
    expect(state.grant).toBeUndefined();
  });

  it('a look-up with a null previous state works', async () => {
    await signIn('officer');
    const state = (await officerDeskAction(null, form({ locale: 'en', intent: 'find', registrationNumber: '000000-0000000' }))) as {
      error?: string;
      registrationNumber?: string;
    };
    // Nobody has that number: the look-up's own refusal, and the number typed is kept for the form.
    expect(state.error).toMatch(/\S/);
    expect(state.registrationNumber).toBe('000000-0000000');
  });
});
