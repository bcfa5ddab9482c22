// THE EXTENSION POINT for demo data beyond the residents. Each extension
// runs once per demo database (remembered in the settings table under
// `demo.extension.<name>`), in its own transaction, after the population is
// seeded, also on a database seeded before the extension existed.
//
// To add demo data, add one entry to demoExtensions below (issue 4 added
// the staff demo accounts: officer, analyst, partner, admin).
import type { Tx } from '@/db/client';
import type { DataKeys } from '@/lib/security';
import { seedDemoStaff } from '@/lib/staff';

export type DemoExtensionContext = {
  /** The population seed, for anything that must be reproducible with it. */
  seed: string;
  /** The day the population describes (YYYY-MM-DD). */
  asOf: string;
};

export type DemoExtension = {
  /** Stable name: renaming it runs the extension again. */
  name: string;
  run(tx: Tx, keys: DataKeys, context: DemoExtensionContext): Promise<void>;
};

export const demoExtensions: DemoExtension[] = [{ name: 'staff', run: (tx, keys) => seedDemoStaff(tx, keys) }];
