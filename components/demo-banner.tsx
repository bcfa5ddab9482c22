// The demo's banner, the first line of every page while the app serves the
// demo: the data is synthetic and this is not a real service. A real install
// (ARC_DEMO=0, or PostgreSQL without ARC_DEMO=1) shows nothing.
//
// Read from the configuration, not from the request or the database: the
// guide, the home page, the checker and the other pages that show nobody's
// data are prerendered at build time (static, cacheable, no render per
// view), so the banner is part of the build. scripts/server.ts refuses to
// serve a build whose banner disagrees with the running configuration and
// database (AppContext.demo), naming the command that rebuilds it; npm start
// rebuilds by itself when ARC_DEMO or ARC_ORIGINS change.
import { getTranslations } from 'next-intl/server';
import { readConfig } from '@/lib/config';
import type { Locale } from '@/lib/i18n';
import styles from './demo-banner.module.css';

/** Whether the configuration serves the demo (false when it cannot be read: a build with no secrets set). */
export function servesDemo(): boolean {
  try {
    return readConfig().demo;
  } catch {
    return false;
  }
}

/** Its children only while the app serves the demo. */
export function DemoOnly({ children }: { children: React.ReactNode }) {
  return servesDemo() ? children : null;
}

export async function DemoBanner({ locale }: { locale: Locale }) {
  if (!servesDemo()) return null;
  const t = await getTranslations({ locale, namespace: 'shell' });
  return (
    // data-testid is also what scripts/static-build.ts looks for in a prerendered page.
    <p className={styles.banner} data-testid="demo-banner">
      {t('demoBanner')}
    </p>
  );
}
