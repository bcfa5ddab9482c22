// GET /api/audit/checkpoint on an in-memory database: nothing sealed yet,
// then the latest checkpoint with the key that signed it (readable from any
// site), one by its size, and the refusals (unknown size, a size that is
// not a number, a method it does not take) in the one error body.
import { verify } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { fixedClock } from '@/lib/clock';
import { publicKeyFromJwk, recordAudit, resolveAuditKey, sealCheckpointIfDue } from '@/lib/audit';
import { GET } from './route';

const KEY = Symbol.for('arc-mobile.app-context');
const holder = globalThis as Record<symbol, unknown>;
const clock = fixedClock('2026-05-04T01:00:00Z');
let database: TestDatabase;
const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'arc-audit-route-'));

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
  database = await openTestDatabase();
  const config = { origins: ['http://localhost:3000'], demo: false };
  holder[KEY] = Promise.resolve({ db: database.db, keys: database.keys, clock, database, config, demo: false });
}, 120_000);
afterAll(async () => {
  delete holder[KEY];
  await database?.close();
  fs.rmSync(keyDir, { recursive: true, force: true });
});

const get = (query = '') => GET(new NextRequest(`http://localhost:3000/api/audit/checkpoint${query}`, { headers: { origin: 'https://elsewhere.example' } }));

describe('GET /api/audit/checkpoint', () => {
  it('says when nothing is signed yet, then publishes the latest checkpoint and its key', async () => {
    const empty = await get();
    expect(empty.status).toBe(200);
    expect(await empty.json()).toMatchObject({ checkpoint: null, entries: 0, keys: [] });

    const key = resolveAuditKey({ database: 'pglite', dataDir: keyDir });
    for (let i = 0; i < 3; i++) await recordAudit(database.db, clock, { actor: { kind: 'system' }, action: 'test.entry', detail: { i } });
    await sealCheckpointIfDue(database.db, clock, key);
    await recordAudit(database.db, clock, { actor: { kind: 'system' }, action: 'test.entry', detail: { i: 3 } });

    const answer = await get();
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const body = await answer.json();
    expect(body).toMatchObject({ entries: 4, checkpoint: { size: 3, keyId: key.keyId, at: '2026-05-04T01:00:00.000Z' } });
    expect(body.checkpoint.head).toMatch(/^[0-9a-f]{64}$/);
    const published = publicKeyFromJwk(body.keys[0]);
    expect(verify(null, Buffer.from(body.checkpoint.text), published.key, Buffer.from(body.checkpoint.signature, 'base64'))).toBe(true);

    expect(await (await get('?size=3')).json()).toMatchObject({ checkpoint: { size: 3, head: body.checkpoint.head } });
  });

  it.each([
    ['?size=2', 404, 'not_found'],
    ['?size=abc', 400, 'invalid_input'],
    ['?size=0', 400, 'invalid_input'],
    ['?size=99999999999999999999', 400, 'invalid_input'],
  ])('%s → %i %s', async (query, status, code) => {
    const response = await get(query);
    expect(response.status).toBe(status);
    expect((await response.json()).error).toMatchObject({ code, message: expect.any(String) });
  });
});
