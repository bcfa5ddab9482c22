// Every answer carries the security headers (lib/security/headers.ts),
// including the verify fast path that answers before Next.js.
import { expect, test } from '@playwright/test';
import { SECURITY_HEADERS } from '../lib/security';

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
