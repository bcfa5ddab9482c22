import { afterEach, describe, expect, it } from 'vitest';
import { GET } from './route';

const KEY = Symbol.for('arc-mobile.app-context');
const holder = globalThis as Record<symbol, unknown>;

function withDatabase(kind: 'pglite' | 'postgres', ping: () => Promise<void>) {
  holder[KEY] = Promise.resolve({ database: { kind, ping } });
}

describe('GET /api/health', () => {
  afterEach(() => {
    delete holder[KEY];
  });

  it('answers ok with the kind of database when it answers', async () => {
    withDatabase('pglite', async () => {});
    const response = await GET(new Request('http://localhost/api/health'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'pglite' });
  });

  it('answers 503 when the database does not answer', async () => {
    withDatabase('postgres', async () => {
      throw new Error('connection refused');
    });
    const response = await GET(new Request('http://localhost/api/health'));
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'unavailable', database: 'postgres', error: { code: 'database_unavailable' } });
  });

  it('answers 503 when the database cannot be opened at all', async () => {
    holder[KEY] = Promise.reject(new Error('locked'));
    (holder[KEY] as Promise<unknown>).catch(() => {});
    const response = await GET(new Request('http://localhost/api/health'));
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'unavailable', database: expect.stringMatching(/^(pglite|postgres)$/) });
  });
});
