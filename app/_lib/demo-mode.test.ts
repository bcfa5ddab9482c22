// Outside the demo (AppContext.demo false: ARC_DEMO=0, or a database the
// demo seed did not make) the demo-only routes and actions do not exist:
// route({demoOnly: true}) and formAction({demoOnly: true}) answer 404
// before their handler runs.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { NextRequest } from 'next/server';
import { z } from 'zod';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { systemClock } from '@/lib/clock';
import { readConfig } from '@/lib/config';
import { formAction } from './action';
import { route } from './route';

vi.mock('next/headers', () => ({
  cookies: async () => ({ get: () => undefined }),
  headers: async () => new Headers({ host: 'localhost:3000', origin: 'http://localhost:3000' }),
}));

const KEY = Symbol.for('arc-mobile.app-context');
const holder = globalThis as Record<symbol, unknown>;
const origin = 'http://localhost:3000';
let database: TestDatabase;

function serve(demo: boolean) {
  const config = readConfig({ ARC_DATA_DIR: '/nonexistent', ARC_DEMO: demo ? '1' : '0' });
  holder[KEY] = Promise.resolve({ db: database.db, keys: database.keys, clock: systemClock, database, config, demo });
}

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  delete holder[KEY];
  await database.close();
});

describe('demo-only routes and actions', () => {
  const ran: string[] = [];
  const GET = route({ demoOnly: true }, async () => {
    ran.push('GET');
    return { demo: true };
  });
  const POST = route({ demoOnly: true, body: z.object({ x: z.string() }) }, async () => {
    ran.push('POST');
    return { demo: true };
  });
  const action = formAction({ demoOnly: true, input: z.object({ x: z.string() }), failed: (f) => ({ failed: f.code }) }, async () => {
    ran.push('action');
    return { failed: null as string | null };
  });

  const get = () => GET(new NextRequest(`${origin}/api/demo-thing`), { params: Promise.resolve({}) });
  const post = () =>
    POST(
      new NextRequest(`${origin}/api/demo-thing`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin, 'sec-fetch-site': 'same-origin' },
        body: JSON.stringify({ x: 'y' }),
      }),
      { params: Promise.resolve({}) },
    );
  const form = () => {
    const f = new FormData();
    f.set('x', 'y');
    return action(f);
  };

  it('answer 404 (not_found) when the app is not the demo, without running the handler', async () => {
    serve(false);
    for (const res of [await get(), await post()]) {
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe('not_found');
    }
    expect(await form()).toEqual({ failed: 'not_found' });
    expect(ran).toEqual([]);
  });

  it('run on the demo', async () => {
    serve(true);
    expect((await get()).status).toBe(200);
    expect((await post()).status).toBe(200);
    expect(await form()).toEqual({ failed: null });
    expect(ran).toEqual(['GET', 'POST', 'action']);
  });
});
