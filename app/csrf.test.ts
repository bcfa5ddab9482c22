// CSRF: every state-changing route (POST, PUT, PATCH, DELETE) and every
// server action refuses a cross-site request before it does anything — a
// browser's cross-site post carries Origin and Sec-Fetch-Site, and either
// one alone is enough to refuse. Found on disk (app/_lib/testing/handlers.ts):
// a new route or action is checked without anyone listing it. The only
// routes open to other sites are listed here, with why.
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { NextRequest } from 'next/server';
import { ACTION_SPEC } from './_lib/action';
import { ROUTE_SPEC } from './_lib/route';
import { useTestAppContext } from './_lib/testing/app-context';
import { actionFiles, appDir, routeFiles, segmentsOf, urlOf } from './_lib/testing/handlers';

const ORIGIN = 'http://localhost:3000';
const EVIL = 'https://evil.example';
const STATE_CHANGING = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Routes other sites may call, and why: nothing else may opt out. */
const OPEN_TO_OTHER_SITES: Record<string, string> = {
  'POST api/presentations/verify/route.ts': "a bank's or shop's own system checks a token: no cookie, no state but a counter",
};

let requestHeaders = new Headers();
vi.mock('next/headers', () => ({
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => {}, delete: () => {} }),
  headers: async () => requestHeaders,
}));

useTestAppContext(ORIGIN);

type Handler = ((request: NextRequest, context?: { params: Promise<Record<string, string>> }) => Promise<Response>) & {
  [ROUTE_SPEC]?: { origin?: string };
};

const crossSite: [string, Record<string, string>][] = [
  ['Origin and Sec-Fetch-Site of another site', { origin: EVIL, 'sec-fetch-site': 'cross-site' }],
  ['an Origin of another site alone', { origin: EVIL }],
  ['Sec-Fetch-Site cross-site alone', { 'sec-fetch-site': 'cross-site' }],
  ['Sec-Fetch-Site same-site (a sibling subdomain)', { origin: 'https://sub.localhost:3000', 'sec-fetch-site': 'same-site' }],
  ['Origin "null" (a sandboxed frame or a data: page)', { origin: 'null' }],
];

describe('CSRF: every state-changing route', () => {
  const checked: string[] = [];
  for (const file of routeFiles) {
    it(`${file}: refuses a cross-site request with 403 cross_site, before reading the body`, async () => {
      const module = (await import(path.join(appDir, file))) as Record<string, unknown>;
      const params = Object.fromEntries(segmentsOf(file).map((s) => [s, 'x']));
      for (const method of STATE_CHANGING) {
        const handler = module[method] as Handler | undefined;
        if (typeof handler !== 'function') continue;
        const key = `${method} ${file}`;
        checked.push(key);
        if (key in OPEN_TO_OTHER_SITES) {
          expect(handler[ROUTE_SPEC]?.origin, key).toBe('any');
          continue;
        }
        expect(handler[ROUTE_SPEC]?.origin, `${key} opts out of the origin check without being listed here`).not.toBe('any');
        for (const [what, headers] of crossSite) {
          // A body that would be read if the check came after it: a well-formed form and JSON alike.
          const request = new NextRequest(urlOf(ORIGIN, file, params), {
            method,
            headers: { 'content-type': 'application/json', ...headers },
            body: JSON.stringify({ locale: 'en', registrationNumber: '9001011234567', code: '123456' }),
          });
          const response = await handler(request, { params: Promise.resolve(params) });
          expect(response.status, `${key}: ${what}`).toBe(403);
          expect(((await response.json()) as { error: { code: string } }).error.code, `${key}: ${what}`).toBe('cross_site');
        }
        // The same request from the app's own pages is not refused for its origin.
        const own = new NextRequest(urlOf(ORIGIN, file, params), {
          method,
          headers: { 'content-type': 'application/json', origin: ORIGIN, 'sec-fetch-site': 'same-origin' },
          body: '{}',
        });
        const answer = await handler(own, { params: Promise.resolve(params) });
        if (answer.status === 403 && (answer.headers.get('content-type') ?? '').includes('json')) {
          expect(((await answer.json()) as { error: { code: string } }).error.code, `${key} from its own origin`).not.toBe('cross_site');
        }
      }
    });
  }
  it('found the state-changing routes, and every route open to other sites exists', () => {
    expect(checked.length).toBeGreaterThan(20);
    for (const key of Object.keys(OPEN_TO_OTHER_SITES)) expect(checked, key).toContain(key);
  });
});

describe('CSRF: every server action', () => {
  for (const file of actionFiles) {
    it(`${file}: every action answers a cross-site post with its cross_site failure, and does nothing`, async () => {
      const module = (await import(path.join(appDir, file))) as Record<string, unknown>;
      const actions = Object.entries(module).filter(([, v]) => typeof v === 'function') as [
        string,
        ((...args: unknown[]) => Promise<unknown>) & { [ACTION_SPEC]?: { failed: (f: { code: string }) => unknown } },
      ][];
      expect(actions.length).toBeGreaterThan(0);
      for (const [name, action] of actions) {
        const spec = action[ACTION_SPEC];
        expect(spec, `${name} in ${file} is not made by formAction()`).toBeDefined();
        for (const [what, headers] of crossSite) {
          requestHeaders = new Headers({ host: 'localhost:3000', ...headers });
          const failed = vi.spyOn(spec!, 'failed');
          try {
            const form = new FormData();
            form.set('locale', 'en');
            form.set('registrationNumber', '9001011234567');
            // A failure may answer with a redirect back to its form (NEXT_REDIRECT): that is its answer.
            await action(null, form).catch((error: unknown) => {
              if (!String((error as { digest?: unknown })?.digest ?? '').startsWith('NEXT_REDIRECT')) throw error;
            });
            expect(failed, `${name} in ${file}: ${what}`).toHaveBeenCalledTimes(1);
            expect(failed.mock.calls[0]![0].code, `${name} in ${file}: ${what}`).toBe('cross_site');
          } finally {
            failed.mockRestore();
          }
        }
      }
    });
  }
});
