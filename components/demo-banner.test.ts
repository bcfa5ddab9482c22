// The demo banner shows exactly when the configuration serves the demo (the
// server refuses to start when the database disagrees: scripts/static-build.ts).
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('next-intl/server', () => ({ getTranslations: async () => (key: string) => `shell.${key}` }));

const saved = { ARC_DEMO: process.env.ARC_DEMO, DATABASE_URL: process.env.DATABASE_URL };
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

async function render(env: { ARC_DEMO?: string }) {
  delete process.env.DATABASE_URL;
  if (env.ARC_DEMO === undefined) delete process.env.ARC_DEMO;
  else process.env.ARC_DEMO = env.ARC_DEMO;
  const { DemoBanner, DemoOnly } = await import('./demo-banner');
  return { banner: await DemoBanner({ locale: 'en' }), footer: DemoOnly({ children: 'note' }) };
}

describe('DemoBanner', () => {
  it('says "demo" on the demo (the embedded database by default)', async () => {
    const { banner, footer } = await render({});
    expect(JSON.stringify(banner)).toContain('shell.demoBanner');
    expect(footer).toBe('note');
  });

  it('is absent on a real install (ARC_DEMO=0)', async () => {
    const { banner, footer } = await render({ ARC_DEMO: '0' });
    expect(banner).toBeNull();
    expect(footer).toBeNull();
  });
});
