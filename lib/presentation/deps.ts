// What the presentation use cases need, built once per process (runtime.ts)
// or per test (createPresentationDeps).
import type { Db } from '@/db/client';
import type { AppConfig } from '@/lib/config';
import type { Clock } from '@/lib/clock';
import type { DataKeys } from '@/lib/security';
import { KeySetCache, registerSigningKey } from './key-set';
import { resolveSigningKey, type SigningKey } from './signing-key';
import { ensureFirstStatusList, StatusView } from '@/lib/status';
import type { Issuer } from './tokens';
import type { SignatureCheck } from './verify';

export type PresentationConfig = Pick<AppConfig, 'rpId' | 'origins' | 'refuseBackupEligible'>;

export type PresentationDeps = {
  db: Db;
  clock: Clock;
  keys: DataKeys;
  config: PresentationConfig;
  issuer: Issuer;
  keySet: KeySetCache;
  statusView: StatusView;
  /** Where signatures are checked; jose on this thread when absent (verify.ts). */
  checkSignature?: SignatureCheck;
};

/**
 * Registers the signing key (making it current) and sets up the caches. The
 * key comes from `key` (tests) or from configuration / the data directory.
 */
export async function createPresentationDeps(input: {
  db: Db;
  clock: Clock;
  keys: DataKeys;
  config: PresentationConfig & Partial<Pick<AppConfig, 'signingKey' | 'database' | 'dataDir'>>;
  key?: SigningKey;
  /** The in-process caches' clock (ms); tests may move it. */
  now?: () => number;
}): Promise<PresentationDeps> {
  const { db, clock, keys, config } = input;
  const key =
    input.key ??
    (await resolveSigningKey({ signingKey: config.signingKey, database: config.database ?? 'pglite', dataDir: config.dataDir ?? './data' }));
  await registerSigningKey(db, clock, key);
  await ensureFirstStatusList(db, clock);
  const origin = config.origins[0] ?? 'http://localhost:3000';
  return {
    db,
    clock,
    keys,
    config,
    issuer: { origin, key },
    keySet: new KeySetCache(db, clock),
    statusView: new StatusView(db, input.now),
  };
}
