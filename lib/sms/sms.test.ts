import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { fixedClock } from '@/lib/clock';
import { decryptField } from '@/lib/security';
import { readConfig } from '@/lib/config';
import { createSmsSender, HttpSmsGateway, listSimulatedSms, maskPhone, SimulatedSmsSender, UnconfiguredSmsSender } from '.';

describe('maskPhone', () => {
  it('keeps the first three and last four digits', () => {
    expect(maskPhone('010-1234-5678')).toBe('010-****-5678');
    expect(maskPhone('01098765432')).toBe('010-****-5432');
    expect(maskPhone('+82 10 1234 5678')).toBe('821-*****-5678');
  });
});

describe('HttpSmsGateway', () => {
  let server: http.Server;
  let url: string;
  const received: Array<{ headers: http.IncomingHttpHeaders; body: unknown; path: string | undefined }> = [];
  let answer = 202;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: JSON.parse(raw || 'null'), path: req.url });
        if (answer === 0) return; // never answers: the adapter times out
        res.writeHead(answer, { 'content-type': 'application/json' }).end('{"id":"m-1"}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/messages`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('posts the message as JSON with the bearer token', async () => {
    const gateway = new HttpSmsGateway({ url, token: 'secret-token', log: () => {} });
    await gateway.send({ to: '010-1234-5678', body: 'ARC Mobile code 123456', locale: 'vi' });
    const last = received.at(-1)!;
    expect(last.path).toBe('/v1/messages');
    expect(last.headers.authorization).toBe('Bearer secret-token');
    expect(last.headers['content-type']).toBe('application/json');
    expect(last.body).toEqual({ to: '010-1234-5678', text: 'ARC Mobile code 123456', locale: 'vi' });
  });

  it('fails with enrollment.sms_gateway_failed on a refusal, logging the number masked', async () => {
    const lines: string[] = [];
    answer = 500;
    const gateway = new HttpSmsGateway({ url, log: (l) => lines.push(l) });
    await expect(gateway.send({ to: '010-1234-5678', body: 'x', locale: 'en' })).rejects.toMatchObject({ code: 'enrollment.sms_gateway_failed', status: 502 });
    expect(lines[0]).toContain('010-****-5678');
    expect(lines[0]).not.toContain('1234');
    answer = 202;
  });

  it('fails when the gateway does not answer in time', async () => {
    answer = 0;
    const gateway = new HttpSmsGateway({ url, timeoutMs: 200, log: () => {} });
    await expect(gateway.send({ to: '010-1234-5678', body: 'x', locale: 'en' })).rejects.toMatchObject({ code: 'enrollment.sms_gateway_failed' });
    answer = 202;
  });

  it('fails when nothing listens at the URL', async () => {
    const gateway = new HttpSmsGateway({ url: 'http://127.0.0.1:9/none', log: () => {} });
    await expect(gateway.send({ to: '010-1234-5678', body: 'x', locale: 'en' })).rejects.toMatchObject({ code: 'enrollment.sms_gateway_failed' });
  });
});

describe('SimulatedSmsSender', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database?.close());

  it('writes the message to the dev inbox outbox (number encrypted, shown masked) and logs it masked', async () => {
    const lines: string[] = [];
    const sender = new SimulatedSmsSender(database.keys, (l) => lines.push(l));
    const clock = fixedClock('2026-11-23T03:00:00Z');
    await database.db.transaction((tx) => sender.send({ to: '010-2025-0101', body: 'ARC Mobile code 654321', locale: 'vi' }, { tx, clock }));
    const [sms] = await listSimulatedSms(database.db);
    expect(sms).toMatchObject({ toMasked: '010-****-0101', body: 'ARC Mobile code 654321', locale: 'vi' });
    expect(lines).toEqual(['[sms-simulator] to 010-****-0101: ARC Mobile code 654321']);
    const { smsOutbox } = await import('@/db/schema');
    const [row] = await database.db.select().from(smsOutbox);
    expect(decryptField(database.keys, row!.toEnc, 'sms_outbox.to')).toBe('010-2025-0101');
  });
});

describe('createSmsSender', () => {
  const keys = { encryption: Buffer.alloc(32), lookup: Buffer.alloc(32) };
  const config = (env: Record<string, string>) => readConfig({ ARC_DATA_DIR: '/nonexistent', ...env });

  it('gives the simulator only to the demo', () => {
    expect(createSmsSender({ config: config({}), keys, demo: true })).toBeInstanceOf(SimulatedSmsSender);
    // ARC_DEMO unset on the embedded database (config.demo), but a database the demo seed did not make.
    expect(createSmsSender({ config: config({}), keys, demo: false }).kind).toBe('unconfigured');
    expect(createSmsSender({ config: config({ ARC_DEMO: '0' }), keys, demo: false }).kind).toBe('unconfigured');
  });

  it('uses the configured gateway, demo or not', () => {
    const env = { ARC_SMS_GATEWAY_URL: 'https://sms.example/v1/send', ARC_SMS_GATEWAY_TOKEN: 't' };
    expect(createSmsSender({ config: config({ ...env, ARC_DEMO: '0' }), keys, demo: false })).toBeInstanceOf(HttpSmsGateway);
    expect(createSmsSender({ config: config(env), keys, demo: true })).toBeInstanceOf(HttpSmsGateway);
  });

  it('outside the demo without a gateway, every send fails with enrollment.sms_unavailable (503)', async () => {
    const sender = createSmsSender({ config: config({ ARC_DEMO: '0' }), keys, demo: false });
    expect(sender).toBeInstanceOf(UnconfiguredSmsSender);
    await expect(sender.send({ to: '010-1234-5678', body: 'x', locale: 'en' }, {} as never)).rejects.toMatchObject({
      code: 'enrollment.sms_unavailable',
      status: 503,
    });
  });
});
