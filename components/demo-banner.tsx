// The demo's banner, the first line of every page while the app serves the
// demo (AppContext.demo: configured as the demo AND a database seeded as
// one): the data is synthetic and this is not a real service. A real
// install (ARC_DEMO=0, or PostgreSQL without ARC_DEMO=1) shows nothing.
import { connection } from 'next/server';
import { getTranslations } from 'next-intl/server';
import { readConfig } from '@/lib/config';
import { getAppContext } from '@/lib/context';
import type { Locale } from '@/lib/i18n';
import styles from './demo-banner.module.css';

async function servesDemo(): Promise<boolean> {
  // Request time only: a build never opens (or seeds) the database for this.
  await connection();
  try {
    return (await getAppContext()).demo;
  } catch {
    // The database could not be opened: the pages that need it say so; this
    // line still tells a reader of the others what the configuration asks for.
    try {
      return readConfig().demo;
    } catch {
      return false;
    }
  }
}

/** Its children only while the app serves the demo. */
export async function DemoOnly({ children }: { children: React.ReactNode }) {
  return (await servesDemo()) ? children : null;
}

export async function DemoBanner({ locale }: { locale: Locale }) {
  if (!(await servesDemo())) return null;
  const t = await getTranslations({ locale, namespace: 'shell' });
  return (
    <p className={styles.banner} data-testid="demo-banner">
      {t('demoBanner')}
    </p>
  );
}
