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
import { seedDemoOutreach } from '@/lib/outreach';
import { systemClock } from '@/lib/clock';
import { seedDemoSlots } from './demo-slots';
import { seedAdoptionHistory } from './history';

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

export const demoExtensions: DemoExtension[] = [
  { name: 'staff', run: (tx, keys) => seedDemoStaff(tx, keys) },
  // Issue 10: three weeks of published appointment times from the first start (video in many languages, two offices, a community day).
  {
    name: 'slots',
    run: async (tx) => {
      await seedDemoSlots(tx, systemClock);
    },
  },
  // Issue 11: partner organisations (the demo partner account acts for one), their campaigns and eight weeks of those campaigns' funnel counters.
  { name: 'outreach', run: (tx) => seedDemoOutreach(tx, systemClock) },
  // Issue 11: the adoption dashboard's past since 2025-01-10 (rollups and counters only). After outreach: it turns their campaigns' issued counts into cards.
  { name: 'adoption-history', run: async (tx, _keys, context) => void (await seedAdoptionHistory(tx, systemClock, context)) },
];
