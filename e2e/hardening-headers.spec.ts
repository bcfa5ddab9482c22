// Every answer carries the security headers (lib/security/headers.ts),
// including the verify fast path that answers before Next.js.
import { expect, test } from '@playwright/test';
import { SECURITY_HEADERS } from '../lib/security';
import { msg } from './support';

test('@hardening the security headers on pages, routes and the verify fast path; the camera for this origin only', async ({ request, baseURL }) => {
  const answers = [
    await request.get('/en'),
    await request.get('/ar/guide/with-chip-card'),
    await request.get('/ne/eligibility'),
    await request.get('/en/card'),
    await request.get('/en/verify'),
    await request.get('/api/health'),
    await request.post('/api/presentations/verify', { data: { token: 'a.b.c' } }),
    await request.post('/api/loss', { data: {}, headers: { origin: 'https://evil.example' } }),
  ];
  for (const answer of answers) {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      expect(answer.headers()[name.toLowerCase()], `${name} on ${answer.url()}`).toBe(value);
    }
    expect(answer.status(), answer.url()).toBeLessThan(500);
  }
  // The camera and microphone for this origin only; never geolocation or payment.
  const policy = (await request.get('/en')).headers()['permissions-policy'];
  expect(policy).toContain('camera=(self)');
  expect(policy).toContain('geolocation=()');
  expect(policy).toContain('payment=()');
  expect(baseURL).toBeTruthy();
});

test('@hardening a link cut in the middle of a character (broken percent-encoding) gets 400 in its language, so do a broken form and an undecodable action call, TRACE 405, never a 5xx', async ({ request }) => {
  const cut = '%E0%A4%A'; // the first bytes of a Devanagari letter, one hex digit short
  for (const path of [`/${cut}`, `/ne/guide/${cut}`, `/ne/booking/slots/${cut}`, `/ne/booking/${cut}/call`, `/c/${cut}`]) {
    const answer = await request.get(path);
    expect(answer.status(), path).toBe(400);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(answer.headers()[name.toLowerCase()], `${name} on ${path}`).toBe(value);
    const page = await answer.text();
    expect(page, path).toContain(msg(path.startsWith('/ne/') ? 'ne' : 'en', 'errors.bad_request'));
    expect(page, path).toContain(`href="/${path.startsWith('/ne/') ? 'ne' : 'en'}"`);
  }
  for (const path of [`/api/booking/${cut}`, `/api/proofing/sessions/${cut}`, `/api/status-lists/${cut}`]) {
    const answer = await request.get(path);
    expect(answer.status(), path).toBe(400);
    expect(await answer.json(), path).toEqual({ error: { code: 'bad_request', message: msg('en', 'errors.bad_request'), params: {} } });
  }
  // TRACE (which a fetch Request refuses): 405 with the one error body, on the API and the fast path too.
  for (const path of ['/api/health', '/api/presentations/verify', '/ne']) {
    const answer = await request.fetch(path, { method: 'TRACE' });
    expect(answer.status(), path).toBe(405);
    expect(await answer.text(), path).toContain(msg(path === '/ne' ? 'ne' : 'en', 'errors.method_not_allowed'));
  }
  // A "form" posted to a page that is not the multipart it says (Next.js parsed it as an action's form and threw).
  for (const path of ['/ne', '/ne/loss', '/.A/x']) {
    const answer = await request.post(path, { headers: { 'content-type': 'multipart/form-data; boundary=x' }, data: '{"x":' });
    expect(answer.status(), path).toBe(400);
    expect(await answer.text(), path).toContain(msg(path.startsWith('/ne') ? 'ne' : 'en', 'errors.bad_request'));
  }
  // A server action call whose arguments React cannot decode: Next.js's 500 goes out as 400.
  const actionId = (await (await request.get('/ne/loss')).text()).match(/&quot;id&quot;:&quot;([0-9a-f]{20,})&quot;/)![1]!;
  for (const body of ['', '[', '"x"', '["$Q1"]', '["$S1"]']) {
    const answer = await request.post('/ne/loss', { headers: { 'next-action': actionId, 'content-type': 'text/plain;charset=UTF-8' }, data: body });
    expect(answer.status(), body).toBe(400);
  }
  // A first part with a dot (or starting like "api") skips proxy.ts's language redirect: a page's 404, not a crash.
  for (const path of ['/.-/verify', '/a.b/verify', '/apix/verify']) expect((await request.get(path)).status(), path).toBe(404);
  // A day that does not exist in the booking search's address is no filter, not a crash.
  expect((await request.get('/ne/booking?from=2026-13-45&to=2026-02-30')).status()).toBe(200);
  // A whole, encoded letter is an ordinary path: the guide's own 404, not a refusal.
  expect((await request.get('/ne/guide/%E0%A4%95')).status()).toBe(404);
});

test('@hardening what a black-box probe found: a post from our other origin or with a forwarded host, an empty action header, a page post over 1 MB, the API\'s own refusals and the verify fast path\'s, each a 4xx in the one error body and the asker\'s language', async ({ request, baseURL, playwright }) => {
  const base = new URL(baseURL!);
  const other = `http://${base.hostname === 'localhost' ? '127.0.0.1' : 'localhost'}:${base.port}`;
  const demoSignIn = (await (await request.get('/en/staff/demo')).text()).match(/name="\$ACTION_ID_([0-9a-f]{20,})"/)?.[1];
  const parts = (fields: Record<string, string>) => ({ multipart: fields });
  // The form posted from the app's other configured origin, or with a client's own X-Forwarded-Host: Next.js answered 500.
  for (const headers of [{ origin: other }, { origin: base.origin, 'x-forwarded-host': 'other.example' }] as Array<Record<string, string>>) {
    for (const path of ['/en/loss', '/en/staff/demo']) {
      const answer = await request.post(path, { headers, ...parts(demoSignIn ? { [`$ACTION_ID_${demoSignIn}`]: '', locale: 'en', role: 'officer' } : { x: '1' }), maxRedirects: 0 });
      expect(answer.status(), `${path} ${JSON.stringify(headers)}`).toBeLessThan(500);
    }
  }
  // An empty Next-Action header (Next.js failed an invariant on it).
  expect((await request.post('/en/loss', { headers: { 'next-action': '', 'content-type': 'text/plain' }, data: '[]' })).status()).toBe(400);
  // A page post over 1 MB: 413 in the page's language (Next.js knew it was a 413 and answered 500).
  const big = await request.post('/ar/loss', { headers: { 'content-type': 'multipart/form-data; boundary=XYZ' }, data: `--XYZ\r\nContent-Disposition: form-data; name="a"\r\n\r\n${'x'.repeat(1_100_000)}\r\n--XYZ--\r\n` });
  expect(big.status()).toBe(413);
  expect(await big.text()).toContain(msg('ar', 'errors.payload_too_large'));
  // The API's refusals Next.js writes itself, and the fast path's: the one error body, in the asker's language
  // (a client of its own, with no NEXT_LOCALE cookie from the pages above; compressed answers asked for).
  const api = await playwright.request.newContext({ baseURL: baseURL!, extraHTTPHeaders: { 'accept-encoding': 'gzip, br' } });
  const ne = { 'accept-language': 'ne-NP,ne;q=0.9' };
  for (const [method, path, status, code] of [
    ['POST', '/api/health', 405, 'method_not_allowed'],
    ['GET', '/api/presentations/verify', 405, 'method_not_allowed'],
    ['GET', '/api/no/such/thing', 404, 'not_found'],
    ['POST', '/api/presentations/verify', 400, 'bad_request'],
  ] as const) {
    const answer = await api.fetch(path, { method, headers: { ...ne, 'content-type': 'application/json', origin: base.origin }, data: method === 'POST' ? '{' : undefined });
    expect(answer.status(), `${method} ${path}`).toBe(status);
    expect(answer.headers()['content-type'], `${method} ${path}`).toContain('application/json');
    expect((await answer.json()).error, `${method} ${path}`).toEqual({ code, message: msg('ne', `errors.${code}`), params: {} });
  }
  // A cut address under /api is answered in the asker's language too, not the path's (it has none).
  expect((await (await api.get(`/api/health%E0%A4`, { headers: ne })).json()).error.message).toBe(msg('ne', 'errors.bad_request'));
  await api.dispose();
  // A file is only read: another method on the manifest or the service worker is 405, not the file.
  for (const path of ['/en/manifest.webmanifest', '/serwist/sw.js']) {
    const answer = await request.fetch(path, { method: 'DELETE', headers: { origin: 'https://evil.example' } });
    expect(answer.status(), path).toBe(405);
  }
});

test('@hardening fuzzed paths, methods and headers on the running server: any address, method, language list, cookie, action argument or verify body, never a 5xx', async ({ request }) => {
  const fc = (await import('fast-check')).default;
  const words = [
    ...['en', 'ne', 'ar', 'my', 'zh-CN', 'api', 'c', '_next', 'static', 'serwist', 'sw.js', 'manifest.webmanifest', 'x'],
    ...['guide', 'help', 'eligibility', 'privacy', 'transparency', 'offline', 'dev', 'inbox', 'card', 'request', 'verify'],
    ...['enroll', 'chip', 'office', 'reissue', 'sms', 'tap-card', 'passkey', 'needs-grant', 'expired', 'video', 'done'],
    ...['loss', 'booking', 'slots', 'call', 'cancel', 'reschedule', 'presentations', 'requests', 'status-lists', 'proofing', 'sessions'],
    ...['staff', 'admin', 'officer', 'partner', 'campaigns', 'poster', 'community-days', 'dashboard', 'csv', 'sign-in', 'invite', 'demo', 'health', 'audit', 'checkpoint'],
  ];
  // A segment: a known word, a random word, or bytes percent-encoded (often cutting a character in two).
  const segment = fc.oneof(
    fc.constantFrom(...words),
    fc.stringMatching(/^[A-Za-z0-9._~-]{1,12}$/),
    fc.uint8Array({ minLength: 1, maxLength: 6 }).map((bytes) => [...bytes].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('')),
    fc.constantFrom('%', '%E0%A4', '%zz', '..', '%2e%2e', '%00', '%2F'),
  );
  const address = fc
    .tuple(fc.array(segment, { minLength: 1, maxLength: 5 }), fc.option(fc.stringMatching(/^[a-z]{1,5}=[A-Za-z0-9%._-]{0,10}$/)))
    .map(([segments, query]) => `/${segments.join('/')}${query ? `?${query}` : ''}`);
  const method = fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND');
  // Headers a phone, a bot or a broken proxy might send: any language list, cookies of the app's names with any value.
  const printable = fc.stringMatching(/^[\x20-\x7e]{0,40}$/);
  const headers = fc.record(
    {
      'accept-language': fc.oneof(printable, fc.constantFrom('ne-NP,ne;q=0.9', '*', 'zz-ZZ;q=abc', ',,,')),
      cookie: fc.array(fc.tuple(fc.constantFrom('arc_session', 'arc_enroll', 'arc_staff', 'NEXT_LOCALE', 'arc_c'), fc.stringMatching(/^[\x21-\x3a\x3c-\x7e]{0,60}$/)), { maxLength: 3 }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('; ')),
      'content-type': fc.constantFrom('application/json', 'text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded'),
    },
    { requiredKeys: [] },
  );
  const seen: string[] = [];
  // Server action calls (the loss form's action) with any arguments, encoded or not.
  const actionId = (await (await request.get('/en/loss')).text()).match(/&quot;id&quot;:&quot;([0-9a-f]{20,})&quot;/)![1]!;
  const reference = fc.stringMatching(/^\$[A-Za-z@$-]?[0-9a-f]{0,3}$/);
  const argument = fc.oneof(fc.json(), reference.map((r) => JSON.stringify([r])), fc.array(fc.oneof(reference, fc.integer(), fc.constant(null))).map((a) => JSON.stringify(a)), printable);
  await fc.assert(
    fc.asyncProperty(argument, fc.constantFrom('text/plain;charset=UTF-8', 'application/json'), async (body, type) => {
      const answer = await request.post('/en/loss', { headers: { 'next-action': actionId, 'content-type': type }, data: body, maxRedirects: 0, timeout: 15_000 });
      seen.push(`action ${JSON.stringify(body)} → ${answer.status()}`);
      return answer.status() < 500;
    }),
    { numRuns: Math.ceil(Number(process.env.ARC_FUZZ_RUNS ?? 120) / 2) },
  ).catch((error: Error) => {
    throw new Error(`${error.message}\nlast requests:\n${seen.slice(-5).join('\n')}`);
  });
  // The verify fast path (Node's own handler, before Next.js): any body, any content type.
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(fc.json(), fc.string({ unit: 'binary', maxLength: 200 }), fc.jsonValue().map((token) => JSON.stringify({ token })), fc.stringMatching(/^[A-Za-z0-9_.-]{0,300}$/).map((token) => JSON.stringify({ token }))),
      fc.constantFrom('application/json', 'text/plain', 'application/json; charset=latin1', 'multipart/form-data; boundary=x', ''),
      async (body, type) => {
        const answer = await request.post('/api/presentations/verify', { headers: type ? { 'content-type': type } : {}, data: body, timeout: 15_000 });
        seen.push(`verify ${JSON.stringify(body).slice(0, 80)} → ${answer.status()}`);
        return answer.status() < 500;
      },
    ),
    { numRuns: Math.ceil(Number(process.env.ARC_FUZZ_RUNS ?? 120) / 2) },
  ).catch((error: Error) => {
    throw new Error(`${error.message}\nlast requests:\n${seen.slice(-5).join('\n')}`);
  });
  await fc.assert(
    fc.asyncProperty(address, method, headers, async (path, verb, sent) => {
      const answer = await request.fetch(path, { method: verb, headers: sent, data: verb === 'POST' || verb === 'PUT' ? '{"x":' : undefined, maxRedirects: 0, timeout: 15_000 });
      seen.push(`${verb} ${path} ${JSON.stringify(sent)} → ${answer.status()}`);
      return answer.status() < 500;
    }),
    { numRuns: Number(process.env.ARC_FUZZ_RUNS ?? 120), seed: Number(process.env.ARC_FUZZ_SEED ?? Date.now() % 2 ** 31) },
  ).catch((error: Error) => {
    throw new Error(`${error.message}\nlast requests:\n${seen.slice(-5).join('\n')}`);
  });
});
