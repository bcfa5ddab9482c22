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

test('@hardening a link cut in the middle of a character (broken percent-encoding) gets 400 in its language, TRACE 405, never a 5xx', async ({ request }) => {
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
  // A day that does not exist in the booking search's address is no filter, not a crash.
  expect((await request.get('/ne/booking?from=2026-13-45&to=2026-02-30')).status()).toBe(200);
  // A whole, encoded letter is an ordinary path: the guide's own 404, not a refusal.
  expect((await request.get('/ne/guide/%E0%A4%95')).status()).toBe(404);
});
