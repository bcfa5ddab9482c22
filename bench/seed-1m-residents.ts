// seed_1m_residents_s: seconds to put 1,000,000 synthetic residents (with
// their cards, encrypted personal data and chip keys) into a fresh PGlite
// data directory in a temp folder: open and migrate, seed, close. Goal
// (issue 2): under 180 s on the 2-core machine.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '@/db/client';
import { seedPopulation } from '@/lib/population';
import { deriveDataKeys } from '@/lib/security';
import { randomBytes } from 'node:crypto';
import { registerFigure } from './registry';

const GOAL_S = 180;

registerFigure({
  name: 'seed_1m_residents_s',
  unit: 's',
  description: '1,000,000 residents into a fresh PGlite data directory (goal < 180 s)',
  async run() {
    // ARC_BENCH_SEED_RESIDENTS shrinks the run for a quick check of the bench itself.
    const residents = Number(process.env.ARC_BENCH_SEED_RESIDENTS ?? 1_000_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arc-bench-seed-'));
    const keys = deriveDataKeys(randomBytes(32));
    try {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const database = await openDatabase({ kind: 'pglite', dataDir: dir, holder: 'npm run bench (seed_1m_residents_s)' });
      const t1 = performance.now();
      const result = await seedPopulation(database.db, keys, { residents, mode: 'fresh', dataDir: dir, worker: true });
      const t2 = performance.now();
      await database.close();
      const t3 = performance.now();
      const total = (t3 - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      return {
        value: Number(total.toFixed(1)),
        goal_s: GOAL_S,
        residents,
        demo_residents: result.demoResidents,
        chip_cards: result.chipCards,
        legacy_cards: result.legacyCards,
        open_migrate_s: Number(((t1 - t0) / 1000).toFixed(1)),
        seed_s: Number(((t2 - t1) / 1000).toFixed(1)),
        close_s: Number(((t3 - t2) / 1000).toFixed(1)),
        // CPU seconds of this process, all threads: steadier than wall time on a shared machine.
        cpu_s: Number(((cpu.user + cpu.system) / 1e6).toFixed(1)),
        residents_per_s: Math.round(residents / ((t2 - t1) / 1000)),
        data_dir_mb: Math.round(dirSize(dir) / 2 ** 20),
        method: `COPY FROM /dev/blob (CSV, 10k-row chunks) in one transaction; rows prepared in the ${result.preparedIn === 'worker' ? 'worker thread' : 'main thread'}`,
      };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
});

function dirSize(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}
