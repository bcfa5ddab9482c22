// Every route handler and every server action, found on disk (a new one is
// included without anyone listing it): each must be made by the shared
// wrappers (route() / formAction()), and fast-check-generated bodies,
// content types, headers, cookies, path params and action arguments must
// never get a 5xx, an unexpected throw or a hang. ARC_FUZZ_RUNS sets the
// number of runs per handler (a CI-sized default).
import path from 'node:path';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { NextRequest } from 'next/server';
import type { ZodType } from 'zod';
import { ACTION_SPEC } from './_lib/action';
import { ROUTE_SPEC } from './_lib/route';
import { useTestAppContext } from './_lib/testing/app-context';
import { actionFiles, appDir, routeFiles, segmentsOf, urlOf as urlOn } from './_lib/testing/handlers';

const urlOf = (file: string, params: Record<string, string>) => urlOn(ORIGIN, file, params);

const RUNS = Number(process.env.ARC_FUZZ_RUNS || 12);
const ORIGIN = 'http://localhost:3000';
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
/** Routes whose GET does heavy build work (bundling the service worker): checked for the wrapper, not fuzzed. */
const NOT_FUZZED = new Set(['serwist/[path]/route.ts']);

// Server actions read cookies and headers through next/headers: a cookie jar and headers per call.
let requestHeaders = new Headers();
const jar = new Map<string, string>();
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
    has: (name: string) => jar.has(name),
    set: (name: string | { name: string; value: string }, value?: string) => {
      if (typeof name === 'string') jar.set(name, value ?? '');
      else jar.set(name.name, name.value);
    },
    delete: (name: string) => jar.delete(name),
  }),
  headers: async () => requestHeaders,
}));

const database = useTestAppContext(ORIGIN);

/** Codes that mean "this request was malformed, nothing was done": such a request must change nothing. */
const REJECTED = new Set(['bad_request', 'invalid_input', 'payload_too_large', 'unsupported_media_type', 'method_not_allowed', 'cross_site']);

let stateQuery: string | undefined;
/**
 * The database's state, in one string: every table's row count, plus the
 * counters that change in place (limit counters, funnel counts, SMS failure
 * counts, a session's last use is left out: reading is not a change).
 */
async function stateOf(): Promise<string> {
  const db = database().db;
  if (!stateQuery) {
    const tables = (await db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`)) as unknown as { rows: { table_name: string }[] };
    const names = tables.rows.map((r) => r.table_name).filter((n) => !n.startsWith('__'));
    stateQuery = [
      ...names.map((n) => `select '${n}' as t, count(*)::text as v from "${n}"`),
      `select 'rate_limits.count', coalesce(sum(count), 0)::text from rate_limits`,
      `select 'funnel_daily.count', coalesce(sum(count), 0)::text from funnel_daily`,
      `select 'enrollments.identify_failures', coalesce(sum(identify_failures), 0)::text from enrollments`,
    ].join(' union all ');
  }
  const result = (await db.execute(sql.raw(stateQuery))) as unknown as { rows: { t: string; v: string }[] };
  return result.rows.map((r) => `${r.t}=${r.v}`).join(' ');
}

/** The error code an answer carries: its JSON error body's, or a form post's redirect's ?error=. */
async function rejectionOf(response: Response): Promise<string | null> {
  const location = response.headers.get('location');
  if (location) return new URL(location, ORIGIN).searchParams.get('error');
  if (response.status >= 400 && (response.headers.get('content-type') ?? '').includes('json')) {
    const json = (await response.clone().json()) as { error?: { code?: unknown } };
    return typeof json.error?.code === 'string' ? json.error.code : null;
  }
  return null;
}

const anyText = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('', ' ', '\u0000', '../../etc/passwd', '%00', '9'.repeat(40), '-1', '2147483648', 'en', 'ar'));
const anyJson = fc.jsonValue({ maxDepth: 3 });

function shapeOf(schema: unknown): string[] {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape && typeof shape === 'object' ? Object.keys(shape) : [];
}

/** Bodies: junk of every kind, and objects with the schema's own keys holding wrong or extreme values. */
function bodies(schema: ZodType | undefined) {
  const keys = shapeOf(schema);
  const shaped = keys.length
    ? fc.dictionary(fc.constantFrom(...keys, 'locale'), fc.oneof(anyJson, anyText, fc.constant('x'.repeat(5000))), { maxKeys: keys.length + 1 })
    : fc.dictionary(anyText, anyJson, { maxKeys: 4 });
  return fc.oneof(
    fc.constant(''),
    anyText,
    anyJson.map((v) => JSON.stringify(v)),
    shaped.map((v) => JSON.stringify(v)),
    shaped.map((v) => new URLSearchParams(Object.entries(v).map(([k, x]) => [k, typeof x === 'string' ? x : JSON.stringify(x)])).toString()),
    fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b).toString('latin1')),
    fc.constant('{"a":' + '['.repeat(2000)),
  );
}

const contentTypes = fc.constantFrom(
  'application/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'text/plain',
  'application/xml',
  '',
  'application/json; charset=utf-16',
);
const origins = fc.constantFrom<string | undefined>(undefined, ORIGIN, 'https://evil.example', 'null');
const fetchSites = fc.constantFrom<string | undefined>(undefined, 'same-origin', 'cross-site', 'same-site', 'none');
const cookies = fc.constantFrom<string | undefined>(
  undefined,
  'NEXT_LOCALE=zz',
  'NEXT_LOCALE=ar',
  'arc_staff=garbage',
  'arc_enroll=garbage',
  'arc_card=garbage',
  'arc_c=%00%00',
);

async function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

type Handler = ((request: NextRequest, context?: { params: Promise<Record<string, string>> }) => Promise<Response>) & {
  [ROUTE_SPEC]?: { body?: ZodType; origin?: string };
};

describe('every route handler', () => {
  it('is found on disk', () => {
    expect(routeFiles.length).toBeGreaterThan(25);
  });

  for (const file of routeFiles) {
    it(`${file}: every method is made by route() and never answers 5xx or hangs`, async () => {
      const module = (await import(path.join(appDir, file))) as Record<string, unknown>;
      const handlers = METHODS.filter((m) => typeof module[m] === 'function').map((m) => [m, module[m] as Handler] as const);
      expect(handlers.length, file).toBeGreaterThan(0);
      for (const [method, handler] of handlers) {
        expect(handler[ROUTE_SPEC], `${method} ${file} is not made by route() from app/_lib/route.ts`).toBeDefined();
      }
      if (NOT_FUZZED.has(file)) return;
      const segments = segmentsOf(file);
      for (const [method, handler] of handlers) {
        const spec = handler[ROUTE_SPEC]!;
        await fc.assert(
          fc.asyncProperty(
            bodies(spec.body),
            contentTypes,
            origins,
            fetchSites,
            cookies,
            fc.record(Object.fromEntries(segments.map((s) => [s, anyText])) as Record<string, fc.Arbitrary<string>>),
            fc.dictionary(fc.constantFrom('locale', 'campaign', 'c', 'x'), anyText, { maxKeys: 2 }),
            async (body, type, origin, site, cookie, params, query) => {
              const headers = new Headers();
              if (type) headers.set('content-type', type);
              if (origin) headers.set('origin', origin);
              if (site) headers.set('sec-fetch-site', site);
              if (cookie) headers.set('cookie', cookie);
              const url = new URL(urlOf(file, params));
              for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
              const hasBody = method !== 'GET';
              const request = new NextRequest(url, { method, headers, body: hasBody ? body : undefined });
              const before = await stateOf();
              const response = await withDeadline(handler(request, { params: Promise.resolve(params) }), 10_000, `${method} ${file}`);
              expect(response.status, `${method} ${file} with ${type} ${JSON.stringify(body).slice(0, 200)}`).toBeLessThan(500);
              const rejected = await rejectionOf(response);
              if (rejected && REJECTED.has(rejected)) {
                // Refused as malformed or cross-site: nothing may have changed.
                expect(await stateOf(), `${method} ${file} was refused (${rejected}) yet changed the database`).toBe(before);
              }
              if (response.status >= 400 && (response.headers.get('content-type') ?? '').includes('json')) {
                const json = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
                expect(typeof json.error?.code, `${method} ${file}: error body`).toBe('string');
                expect(typeof json.error?.message, `${method} ${file}: error message`).toBe('string');
              }
            },
          ),
          { numRuns: RUNS },
        );
      }
    });
  }
});

function isNextControlFlow(error: unknown): boolean {
  const digest = (error as { digest?: unknown })?.digest;
  return typeof digest === 'string' && (digest.startsWith('NEXT_REDIRECT') || digest.startsWith('NEXT_HTTP_ERROR_FALLBACK'));
}

describe('every server action', () => {
  it('is found on disk', () => {
    expect(actionFiles.length).toBeGreaterThan(1);
  });

  for (const file of actionFiles) {
    it(`${file}: every export is made by formAction() and never throws on malformed calls`, async () => {
      const module = (await import(path.join(appDir, file))) as Record<string, unknown>;
      const actions = Object.entries(module).filter(([, v]) => typeof v === 'function') as [string, ((...args: unknown[]) => Promise<unknown>) & { [ACTION_SPEC]?: { input?: ZodType } }][];
      expect(actions.length, file).toBeGreaterThan(0);
      for (const [name, action] of actions) {
        expect(action[ACTION_SPEC], `${name} in ${file} is not made by formAction() from app/_lib/action.ts`).toBeDefined();
        const keys = [...shapeOf(action[ACTION_SPEC]!.input), 'locale', 'intent'];
        const forms = fc.dictionary(fc.constantFrom(...keys), fc.oneof(anyText, fc.constant('x'.repeat(5000))), { maxKeys: keys.length }).map((fields) => {
          const form = new FormData();
          for (const [k, v] of Object.entries(fields)) form.set(k, v);
          return form;
        });
        const argLists = fc.oneof(
          fc.constantFrom<unknown[]>([], [null], [undefined], [{}], ['text'], [null, null], [undefined, {}], [{ residentId: 2 ** 31 }, 5]),
          forms.map((form) => [form]),
          fc.tuple(fc.oneof(fc.constant(null), fc.constant({}), anyJson), forms).map(([prev, form]) => [prev, form]),
        );
        await fc.assert(
          fc.asyncProperty(argLists, origins, fetchSites, cookies, async (args, origin, site, cookie) => {
            requestHeaders = new Headers({ host: 'localhost:3000' });
            if (origin) requestHeaders.set('origin', origin);
            if (site) requestHeaders.set('sec-fetch-site', site);
            jar.clear();
            if (cookie) {
              const [k, v] = cookie.split('=');
              jar.set(k!, v ?? '');
            }
            try {
              await withDeadline(action(...args), 10_000, `${name} in ${file}`);
            } catch (error) {
              if (!isNextControlFlow(error)) throw error;
            }
          }),
          { numRuns: RUNS },
        );
      }
    });
  }
});

describe('a refused request changes nothing', () => {
  const post = (pathname: string, body: unknown, origin = ORIGIN) =>
    new NextRequest(`${ORIGIN}${pathname}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', origin } });

  it('the state check sees a change (a verifier request that was accepted)', async () => {
    const { POST } = await import('./api/presentations/requests/route');
    const before = await stateOf();
    expect((await POST(post('/api/presentations/requests', { profile: 'age19', verifierName: 'Pharmacy' }))).status).toBe(201);
    expect(await stateOf()).not.toBe(before);
  });

  it('an identify with a malformed registration number opens no enrollment and counts nothing', async () => {
    const { POST } = await import('./api/enrollment/identify/route');
    const before = await stateOf();
    const response = await POST(post('/api/enrollment/identify', { path: 'chip', registrationNumber: '12345678', cardSerial: 'IC900000001', birthDate: '1996-04-12' }));
    expect(response.status).toBe(400);
    expect(await rejectionOf(response)).toBe('invalid_input');
    expect(response.headers.get('set-cookie') ?? '').not.toMatch(/enroll/);
    expect(await stateOf()).toBe(before);
  });

  it('a cross-site post changes nothing', async () => {
    const { POST } = await import('./api/loss/route');
    const before = await stateOf();
    const response = await POST(post('/api/loss', { registrationNumber: '960412-6900001', cardSerial: 'IC900000001', birthDate: '1996-04-12' }, 'https://evil.example'));
    expect(await rejectionOf(response)).toBe('cross_site');
    expect(await stateOf()).toBe(before);
  });
});
