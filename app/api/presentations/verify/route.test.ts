// The verify endpoint against garbage, oversized and mutated bodies: never a
// 5xx for bad input, always valid:false (unless the bytes are a genuine
// token); its error bodies are the app's {error} with the published
// {valid: false, reason} beside.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { signPresentationToken } from '@/lib/presentation';
import { holder, newStatusIndex, presentationFixture, type PresentationFixture } from '@/lib/presentation/testing';
import { POST } from './route';

const KEY = Symbol.for('arc-mobile.presentation.runtime');
const CONTEXT = Symbol.for('arc-mobile.app-context');
const runtime = globalThis as Record<symbol, unknown>;

let database: TestDatabase;
let deps: PresentationFixture;
let validToken: string;

beforeAll(async () => {
  // The wrapper logs one line per refused request; hundreds of fuzzed ones say nothing here.
  vi.spyOn(console, 'log').mockImplementation(() => {});
  database = await openTestDatabase();
  deps = await presentationFixture(database);
  runtime[KEY] = Promise.resolve(deps);
  runtime[CONTEXT] = Promise.resolve({ db: database.db, keys: database.keys, clock: deps.clock, database, config: { origins: [] }, demo: false });
  const index = await newStatusIndex(deps);
  validToken = (await signPresentationToken(deps.issuer, deps.clock, { holder, statusIndex: index, profile: 'full' })).token;
});

afterAll(async () => {
  vi.restoreAllMocks();
  delete runtime[KEY];
  delete runtime[CONTEXT];
  deps?.statusView.dispose();
  await database?.close();
});

async function post(body: BodyInit | null, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const response = await POST(new Request('http://localhost/api/presentations/verify', { method: 'POST', body, headers, duplex: 'half' } as RequestInit));
  const json = (await response.json()) as { valid: boolean; reason?: string; claims?: Record<string, unknown>; error?: { code: string; message: string } };
  return { status: response.status, json };
}

describe('POST /api/presentations/verify', () => {
  it('a genuine token: 200, valid, with the disclosed claims', async () => {
    const { status, json } = await post(JSON.stringify({ token: validToken }));
    expect(status).toBe(200);
    expect(json.valid).toBe(true);
    expect(json.claims).toMatchObject({ profile: 'full', name: holder.name });
  });

  it('names the reason for a token it refuses', async () => {
    const { status, json } = await post(JSON.stringify({ token: validToken.slice(0, -4) + 'AAAA' }));
    expect(status).toBe(200);
    expect(json).toEqual({ valid: false, reason: 'bad_signature' });
  });

  it.each([
    ['not JSON', '{"token": '],
    ['empty', ''],
    ['a number', '42'],
    ['no token', '{}'],
    ['token of the wrong type', '{"token": 42}'],
    ['token null', '{"token": null}'],
    ['an array', '[]'],
  ])('%s: 400, valid:false', async (_name, body) => {
    const { status, json } = await post(body);
    expect(status).toBe(400);
    expect(json).toMatchObject({ valid: false, reason: 'bad_request' });
    expect(['bad_request', 'invalid_input']).toContain(json.error?.code);
    expect(json.error?.message).toBeTruthy();
  });

  it('an oversized body: 413, whether Content-Length says so or not', async () => {
    const big = JSON.stringify({ token: 'a'.repeat(100_000) });
    expect(await post(big)).toMatchObject({ status: 413, json: { valid: false, reason: 'too_large', error: { code: 'payload_too_large' } } });
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 64; i++) controller.enqueue(new Uint8Array(16 * 1024).fill(0x61));
        controller.close();
      },
    });
    expect(await post(stream)).toMatchObject({ status: 413, json: { valid: false, reason: 'too_large', error: { code: 'payload_too_large' } } });
  });

  it('answers other sites (banks call it from their own systems)', async () => {
    const { status, json } = await post(JSON.stringify({ token: validToken }), {
      'content-type': 'application/json',
      origin: 'https://bank.example',
      'sec-fetch-site': 'cross-site',
    });
    expect(status).toBe(200);
    expect(json.valid).toBe(true);
  });

  it('503 status_unavailable only when the service itself cannot answer', async () => {
    const failing = Promise.reject(new Error('key store down'));
    failing.catch(() => {});
    runtime[KEY] = failing;
    try {
      const { status, json } = await post(JSON.stringify({ token: validToken }));
      expect(status).toBe(503);
      expect(json).toMatchObject({ valid: false, reason: 'status_unavailable', error: { code: 'database_unavailable' } });
    } finally {
      runtime[KEY] = Promise.resolve(deps);
    }
  });

  it('garbage bytes and arbitrary JSON (fast-check): never a 5xx, never valid', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 12_000 }).map((b) => Buffer.from(b)),
          fc.jsonValue().map((v) => JSON.stringify(v)),
          fc.jsonValue().map((v) => JSON.stringify({ token: v })),
          fc.string({ maxLength: 3000 }).map((s) => JSON.stringify({ token: s })),
          fc
            .tuple(fc.base64String(), fc.base64String(), fc.base64String())
            .map(([a, b, c]) => JSON.stringify({ token: `${a}.${b}.${c}`.replace(/\+/g, '-').replace(/\//g, '_').replace(/=/g, '') })),
          fc
            .tuple(fc.jsonValue(), fc.jsonValue())
            .map(([h, p]) => JSON.stringify({ token: `${Buffer.from(JSON.stringify(h)).toString('base64url')}.${Buffer.from(JSON.stringify(p)).toString('base64url')}.` })),
        ),
        async (body) => {
          const { status, json } = await post(body);
          expect([200, 400, 413]).toContain(status);
          expect(json.valid).toBe(false);
          expect(typeof json.reason).toBe('string');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a genuine token with one character changed (fast-check): refused unless the bytes it encodes are the same', async () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    const decoded = (t: string) => t.split('.').map((p) => Buffer.from(p, 'base64url').toString('hex')).join('.');
    await fc.assert(
      fc.asyncProperty(fc.nat(validToken.length - 1), fc.constantFrom(...alphabet), async (at, ch) => {
        const mutated = validToken.slice(0, at) + ch + validToken.slice(at + 1);
        const { status, json } = await post(JSON.stringify({ token: mutated }));
        expect(status).toBe(200);
        if (json.valid) expect(decoded(mutated)).toBe(decoded(validToken));
      }),
      { numRuns: 300 },
    );
  });
});
