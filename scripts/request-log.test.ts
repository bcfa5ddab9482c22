// The production server's log: one id per request on every line about it,
// and nothing a person typed in what Next.js writes (scripts/request-log.ts).
import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { REQUEST_ID_HEADER } from '@/lib/errors';
import { asPartOf, currentRequestId, frameworkLine, guardConsole, withRequestId } from './request-log';

const request = (headers: Record<string, string> = {}) => ({ headers: { ...headers } }) as unknown as IncomingMessage;

describe("Next.js's lines during a request", () => {
  it("keep the error's class, digest, status and where it was thrown, never its message", () => {
    // What V8 and Next wrote for an action call whose arguments were a name and a registration number.
    const parse = new SyntaxError('Unexpected token \'N\', "NGUYEN THI"... is not valid JSON');
    const bigint = Object.assign(new SyntaxError('Cannot convert 960412-6900001 to a BigInt'), { digest: '3732116451' });
    for (const error of [parse, bigint]) {
      const line = frameworkLine('error', 'abcdef0123456789', ['⨯', error]);
      expect(line).not.toMatch(/NGUYEN|960412|6900001|BigInt|Unexpected/);
      const parsed = JSON.parse(line) as Record<string, unknown>;
      expect(parsed).toMatchObject({ level: 'error', requestId: 'abcdef0123456789', where: 'framework', code: 'framework_error', error: 'SyntaxError' });
      expect(String(parsed.at)).toMatch(/request-log\.test\.ts:\d+/);
    }
    expect(JSON.parse(frameworkLine('error', 'abcdef0123456789', [bigint]))).toMatchObject({ digest: '3732116451' });
    const tooLarge = Object.assign(new Error('Body exceeded 1 MB limit.'), { statusCode: 413 });
    expect(JSON.parse(frameworkLine('error', 'abcdef0123456789', [tooLarge]))).toMatchObject({ status: 413, error: 'Error' });
  });

  it('drop a message that echoes what a client sent (a forwarded host), keeping that there was one', () => {
    const line = frameworkLine('warn', 'abcdef0123456789', ['`x-forwarded-host` header with value `evil.example` does not match `origin` header with value `localhost:3000`']);
    expect(line).not.toContain('evil.example');
    expect(JSON.parse(line)).toEqual({ level: 'warn', requestId: 'abcdef0123456789', where: 'framework', code: 'framework_message' });
  });

  it("pass the app's own JSON lines, given the request's id when they lack one", () => {
    const ours = JSON.stringify({ level: 'info', requestId: '0000000000000001', where: 'action', code: 'invalid_input', status: 400 });
    expect(frameworkLine('error', 'abcdef0123456789', [ours])).toBe(ours);
    const noId = JSON.stringify({ level: 'warn', where: 'server', code: 'action_unreadable', status: 400 });
    expect(JSON.parse(frameworkLine('warn', 'abcdef0123456789', [noId]))).toEqual({ level: 'warn', requestId: 'abcdef0123456789', where: 'server', code: 'action_unreadable', status: 400 });
  });
});

describe('the request id', () => {
  it("is given to each request, over a client's own, and is the current one for what it starts", async () => {
    const req = request({ [REQUEST_ID_HEADER]: 'ffffffffffffffff' });
    const seen = await withRequestId(req, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return currentRequestId();
    });
    expect(req.headers[REQUEST_ID_HEADER]).toMatch(/^[0-9a-f]{16}$/);
    expect(req.headers[REQUEST_ID_HEADER]).not.toBe('ffffffffffffffff');
    expect(seen).toBe(req.headers[REQUEST_ID_HEADER]);
  });

  it('is the current one again for work an event starts (asPartOf), where Node does not carry it', () => {
    const emitter = new EventEmitter();
    const a = request();
    const b = request();
    let inHandler: Array<string | undefined> = [];
    withRequestId(a, () => emitter.on('go', () => inHandler.push(currentRequestId(), asPartOf(a, () => currentRequestId()))));
    withRequestId(b, () => emitter.emit('go'));
    // Emitted while b was handled: the listener sees b's id unless it asks for a's.
    expect(inHandler).toEqual([b.headers[REQUEST_ID_HEADER], a.headers[REQUEST_ID_HEADER]]);
    inHandler = [];
    emitter.emit('go');
    expect(inHandler).toEqual([undefined, a.headers[REQUEST_ID_HEADER]]);
  });
});

describe('guardConsole', () => {
  it('rewrites what is written during a request, and leaves what is written outside one (start-up, shutdown) alone', () => {
    const written: unknown[][] = [];
    const target = { error: (...args: unknown[]) => void written.push(args), warn: (...args: unknown[]) => void written.push(args) };
    guardConsole(target);
    target.error('ARC Mobile: ARC_WORKERS must be a whole number');
    const req = request();
    withRequestId(req, () => target.warn('⨯', new TypeError('Cannot read 960412-6900001')));
    expect(written[0]).toEqual(['ARC Mobile: ARC_WORKERS must be a whole number']);
    expect(written[1]).toHaveLength(1);
    expect(String(written[1]![0])).not.toContain('960412');
    expect(JSON.parse(String(written[1]![0]))).toMatchObject({ level: 'warn', requestId: req.headers[REQUEST_ID_HEADER], error: 'TypeError' });
  });
});
