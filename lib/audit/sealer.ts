// Each server process seals checkpoints by itself, with no scheduler: once
// at start, then every CHECKPOINT_CHECK_MS it asks whether one is due
// (sealCheckpointIfDue). Any number of instances may run it: they write a
// given head once. Started by instrumentation.ts; one per process.
import type { Db } from '@/db/client';
import type { AppConfig } from '@/lib/config';
import type { Clock } from '@/lib/clock';
import { describeForLog } from '@/lib/errors';
import { CHECKPOINT_CHECK_MS, CheckpointRefusedError, defaultCheckpointPolicy, publishAuditKey, sealCheckpointIfDue, type Checkpoint, type CheckpointPolicy } from './checkpoints';
import { resolveAuditKey, type AuditKey } from './key';

export type CheckpointSealer = {
  key: AuditKey;
  /** Seals one now if due (what the timer does). Never throws: failures are logged. */
  tick(): Promise<Checkpoint | null>;
  stop(): void;
};

export type SealerDeps = { db: Db; clock: Clock; config: Pick<AppConfig, 'auditKey' | 'database' | 'dataDir'> };
export type SealerOptions = { checkEveryMs?: number; policy?: CheckpointPolicy; log?: (line: string) => void };

const KEY = Symbol.for('arc-mobile.audit.sealer');
type Holder = { [KEY]?: Promise<CheckpointSealer> };

/**
 * Resolves the checkpoint key (refusing PostgreSQL without ARC_AUDIT_KEY),
 * publishes its public half, seals a checkpoint if one is due, and keeps
 * checking on a timer that does not hold the process open. Once per process.
 */
export function startCheckpointSealer(deps: SealerDeps, options: SealerOptions = {}): Promise<CheckpointSealer> {
  const holder = globalThis as Holder;
  holder[KEY] ??= createSealer(deps, options).catch((error) => {
    delete holder[KEY];
    throw error;
  });
  return holder[KEY];
}

export async function createSealer(deps: SealerDeps, options: SealerOptions = {}): Promise<CheckpointSealer> {
  const key = resolveAuditKey(deps.config);
  const log = options.log ?? ((line: string) => console.error(line));
  const policy = options.policy ?? defaultCheckpointPolicy;
  await publishAuditKey(deps.db, deps.clock, key);
  let running: Promise<Checkpoint | null> | null = null;
  const tick = () =>
    (running ??= sealCheckpointIfDue(deps.db, deps.clock, key, policy)
      .catch((error: unknown) => {
        const line =
          error instanceof CheckpointRefusedError
            ? { level: 'error', where: 'audit.checkpoint', code: 'audit.chain_broken', kind: error.problem.kind, seq: error.problem.seq }
            : { level: 'error', where: 'audit.checkpoint', ...describeForLog(error) };
        log(JSON.stringify(line));
        return null;
      })
      .finally(() => {
        running = null;
      }));
  await tick();
  const timer = setInterval(() => void tick(), options.checkEveryMs ?? CHECKPOINT_CHECK_MS);
  timer.unref();
  return { key, tick, stop: () => clearInterval(timer) };
}
