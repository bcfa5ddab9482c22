// Every answer carries the security headers (lib/security/headers.ts),
// including the verify fast path that answers before Next.js; the camera and
// microphone are allowed only on the pages that scan or call.
import { expect, test } from '@playwright/test';
import { SECURITY_HEADERS } from '../lib/security';

test('@hardening the security headers on pages, routes and the verify fast path; the camera only where a page scans', async ({ request, baseURL }) => {
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
      if (name === 'Permissions-Policy') continue;
      expect(answer.headers()[name.toLowerCase()], `${name} on ${answer.url()}`).toBe(value);
    }
    expect(answer.status(), answer.url()).toBeLessThan(500);
  }
  const policy = async (path: string) => (await request.get(path)).headers()['permissions-policy'];
  expect(await policy('/en')).toContain('camera=()');
  expect(await policy('/en')).toContain('microphone=()');
  expect(await policy('/ar/guide/with-chip-card')).toContain('camera=()');
  expect(await policy('/en/verify')).toContain('camera=(self)');
  expect(await policy('/en/verify')).toContain('microphone=()');
  expect(baseURL).toBeTruthy();
});
