// The demo banner shows exactly when the app serves the demo (AppContext.demo).
import { afterAll, describe, expect, it, vi } from 'vitest';

vi.mock('next/server', () => ({ connection: async () => {} }));
vi.mock('next-intl/server', () => ({ getTranslations: async () => (key: string) => `shell.${key}` }));

const KEY = Symbol.for('arc-mobile.app-context');
const holder = globalThis as Record<symbol, unknown>;
afterAll(() => {
  delete holder[KEY];
});

async function render(demo: boolean) {
  holder[KEY] = Promise.resolve({ demo, config: { demo: true } });
  const { DemoBanner, DemoOnly } = await import('./demo-banner');
  return { banner: await DemoBanner({ locale: 'en' }), footer: await DemoOnly({ children: 'note' }) };
}

describe('DemoBanner', () => {
  it('says "demo" on the demo', async () => {
    const { banner, footer } = await render(true);
    expect(JSON.stringify(banner)).toContain('shell.demoBanner');
    expect(footer).toBe('note');
  });

  it('is absent outside the demo, even when the configuration asked for it', async () => {
    const { banner, footer } = await render(false);
    expect(banner).toBeNull();
    expect(footer).toBeNull();
  });
});
