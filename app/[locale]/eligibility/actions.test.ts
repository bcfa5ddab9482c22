// The eligibility checker's server action, called as a broken client or a
// failing server might: never a throw (a 500), the checker's state is kept
// when nothing was posted, and a posted answer is answered even when the
// database (the counter) is down.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFunnelCounters } from '@/lib/analytics';
import { fixedClock } from '@/lib/clock';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';

const ORIGIN = 'http://localhost:3000';
vi.mock('next/headers', () => ({
  cookies: async () => ({ get: () => undefined, set: () => {} }),
  headers: async () => new Headers({ host: 'localhost:3000', origin: ORIGIN }),
}));

const { answerEligibility } = await import('./actions');

const CONTEXT = Symbol.for('arc-mobile.app-context');
const holder = globalThis as Record<symbol, unknown>;
const clock = fixedClock('2026-03-03T02:00:00Z');
const initial = { submitted: false, answers: {} };
const complete = { locale: 'en', age: '14plus', cardKind: 'chip', cardValid: 'yes', phoneOwn: 'yes', residence: 'residenceCard' };
let database: TestDatabase;

function form(fields: Record<string, string | Blob>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
  database = await openTestDatabase();
});

beforeEach(() => {
  holder[CONTEXT] = Promise.resolve({ db: database.db, keys: database.keys, clock, database, config: { origins: [ORIGIN] }, demo: false });
});

afterAll(async () => {
  delete holder[CONTEXT];
  await database?.close();
  vi.restoreAllMocks();
});

describe('answerEligibility', () => {
  it.each([
    ['no arguments', []],
    ['a string', ['text']],
    ['a state and null', [initial, null]],
    ['a state and a plain object', [initial, { age: '14plus' }]],
    ['a form with a file in it', [initial, form({ age: '14plus', upload: new Blob(['x']) })]],
  ])('%s: the checker as it was, no throw', async (_name, args) => {
    expect(await answerEligibility(...(args as unknown[]))).toEqual(initial);
  });

  it('answers a complete form and counts the outcome (never the answers)', async () => {
    const state = await answerEligibility(initial, form(complete));
    expect(state).toEqual({ submitted: true, answers: { age: '14plus', cardKind: 'chip', cardValid: 'yes', phoneOwn: 'yes', residence: 'residenceCard' } });
    const counters = await readFunnelCounters({ db: database.db, clock });
    expect(counters.some((c) => c.event.startsWith('eligibility_answered:') && c.count >= 1)).toBe(true);
  });

  it('marks an incomplete or garbled form as submitted, keeping only real answers', async () => {
    const state = await answerEligibility(initial, form({ locale: 'en', age: '14plus', cardKind: '<script>', residence: 'x'.repeat(100) }));
    expect(state).toEqual({ submitted: true, answers: { age: '14plus' } });
  });

  it('still answers when the database does not', async () => {
    const down = Promise.reject(new Error('database down'));
    down.catch(() => {});
    holder[CONTEXT] = down;
    const state = await answerEligibility(initial, form(complete));
    expect(state.submitted).toBe(true);
    expect(state.answers).toMatchObject({ age: '14plus', residence: 'residenceCard' });
  });
});
