// The loss form's server action called as the page calls it and as a broken
// or hostile client can: each wrong field named with its own localized
// message and what was typed kept (no try spent); a report going on to the
// confirmation page with its reference; too many tries, a file, no form,
// another site's post each a failure state, never a throw.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { rateLimits } from '@/db/schema';
import { systemClock } from '@/lib/context';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { REFERENCE_PATTERN } from '@/lib/loss';
import type { LossFormState } from './_components/form-state';

const ORIGIN = 'http://localhost:3000';
let requestHeaders = new Headers();
vi.mock('next/headers', () => ({
  cookies: async () => ({ get: () => undefined }),
  headers: async () => requestHeaders,
}));

const { reportLossAction } = await import('./actions');

const CONTEXT = Symbol.for('arc-mobile.app-context');
const holder = globalThis as Record<symbol, unknown>;
let database: TestDatabase;
let clientSeq = 0;

const errorsIn = (locale: string) => JSON.parse(fs.readFileSync(path.join(process.cwd(), 'messages', `${locale}.json`), 'utf8')).errors;

function form(fields: Record<string, string | Blob>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

/** Where the action redirected to (Next's redirect() throws), or its state. */
async function outcome(call: Promise<unknown>): Promise<{ redirect: string } | { state: LossFormState }> {
  try {
    return { state: (await call) as LossFormState };
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? '';
    if (!digest.startsWith('NEXT_REDIRECT')) throw error;
    return { redirect: digest.split(';')[2]! };
  }
}

const good = { locale: 'vi', registrationNumber: '960412-6123456', cardSerial: 'IC123456789', day: '12', month: '4', year: '1996' };

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
  database = await openTestDatabase();
  holder[CONTEXT] = Promise.resolve({
    db: database.db,
    keys: database.keys,
    clock: systemClock,
    database,
    config: { rpId: 'localhost', origins: [ORIGIN], demo: false },
    demo: false,
  });
});
afterAll(async () => {
  delete holder[CONTEXT];
  await database?.close();
});
beforeEach(() => {
  requestHeaders = new Headers({ host: 'localhost:3000', origin: ORIGIN, 'x-forwarded-for': `192.0.2.${++clientSeq}` });
});

describe('the loss form', () => {
  it('names every wrong field with its message in the reader’s language, keeps what was typed, and spends no try', async () => {
    const before = (await database.db.select().from(rateLimits)).length;
    const typed = { ...good, registrationNumber: '96041-612345', cardSerial: '', day: '31', month: '2', year: '1996' };
    const result = await outcome(reportLossAction(null, form(typed)));
    expect('state' in result).toBe(true);
    if (!('state' in result)) return;
    const { state } = result;
    const vi_ = errorsIn('vi').loss;
    expect(state.fieldErrors).toEqual({
      registrationNumber: { code: 'loss.registration_number_format', message: vi_.registration_number_format },
      cardSerial: { code: 'loss.card_serial_missing', message: vi_.card_serial_missing },
      birthDate: { code: 'loss.birth_date_invalid', message: vi_.birth_date_invalid },
    });
    expect(state.values).toEqual({ registrationNumber: '96041-612345', cardSerial: '', day: '31', month: '2', year: '1996' });
    expect(state.failure).toBeUndefined();
    expect(state.answer).toMatch(/^[0-9a-f-]{36}$/);
    expect((await database.db.select().from(rateLimits)).length).toBe(before);
  });

  it('says when the date of birth does not fit the registration number', async () => {
    const result = await outcome(reportLossAction(null, form({ ...good, locale: 'ar', day: '13' })));
    expect('state' in result && result.state.fieldErrors).toEqual({
      birthDate: { code: 'loss.birth_date_mismatch', message: errorsIn('ar').loss.birth_date_mismatch },
    });
  });

  it('goes on to the confirmation page with a reference, matched or not', async () => {
    const result = await outcome(reportLossAction(null, form(good)));
    expect(result).toMatchObject({ redirect: expect.stringMatching(/^\/vi\/loss\/done\?ref=L-[2-9A-Z]{4}-[2-9A-Z]{4}$/) });
    if ('redirect' in result) expect(new URL(result.redirect, ORIGIN).searchParams.get('ref')).toMatch(REFERENCE_PATTERN);
  });

  it('after 5 reports for one number: the minutes to wait, in the reader’s language, with what was typed', async () => {
    const number = { ...good, locale: 'ne', registrationNumber: '880923-5123456', day: '23', month: '9', year: '1988' };
    for (let i = 0; i < 5; i++) {
      requestHeaders = new Headers({ host: 'localhost:3000', origin: ORIGIN, 'x-forwarded-for': `192.0.2.${++clientSeq}` });
      expect(await outcome(reportLossAction(null, form(number)))).toHaveProperty('redirect');
    }
    const result = await outcome(reportLossAction(null, form(number)));
    expect('state' in result).toBe(true);
    if (!('state' in result)) return;
    expect(result.state.failure?.code).toBe('limits.rate_limited');
    expect(result.state.failure?.message).toContain(new Intl.NumberFormat('ne').format(60));
    expect(result.state.values.registrationNumber).toBe('880923-5123456');
  });

  it('a broken or hostile post is a failure state, never a throw', async () => {
    const cases: Array<[string, () => Promise<unknown>, string]> = [
      ['no form', () => reportLossAction(null, 'not a form'), 'bad_request'],
      ['a file', () => reportLossAction(null, form({ ...good, cardSerial: new Blob(['x']) })), 'unsupported_media_type'],
      ['a field far too long', () => reportLossAction(null, form({ ...good, cardSerial: 'I'.repeat(300) })), 'invalid_input'],
      [
        'another site',
        () => {
          requestHeaders = new Headers({ host: 'localhost:3000', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
          return reportLossAction(null, form(good));
        },
        'cross_site',
      ],
    ];
    for (const [name, call, code] of cases) {
      const result = await outcome(call());
      expect('state' in result && result.state.failure?.code, name).toBe(code);
      if ('state' in result) expect(result.state.failure?.message.trim(), name).not.toBe('');
    }
  });
});
