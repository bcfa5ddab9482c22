// The published key set. Each instance registers the key it signs with at
// start-up; registering a key retires the keys created before it, and a
// retired key stays published until its last tokens have expired (retired_at
// + token lifetime + leeway). A key that is registered again (an instance
// of the previous release restarting during a rollout, or a rollback) is
// current again, so no instance ever signs with a key the others dropped.
import { and, eq, gt, isNull, lt, ne, or } from 'drizzle-orm';
import { importJWK } from 'jose';
import { signingKeys, type PublicSigningJwk } from '@/db/schema';
import type { Executor } from '@/db/client';
import type { Clock } from '@/lib/clock';
import { CLOCK_LEEWAY_S, TOKEN_LIFETIME_S } from './profiles';
import type { SigningKey } from './signing-key';

/** How long a retired key stays in the key set. */
export const RETIRED_KEY_GRACE_MS = (TOKEN_LIFETIME_S + CLOCK_LEEWAY_S) * 1000;

export async function registerSigningKey(db: Executor, clock: Clock, key: SigningKey): Promise<void> {
  const now = clock.now();
  await db.transaction(async (tx) => {
    await tx
      .insert(signingKeys)
      .values({ kid: key.kid, publicJwk: key.publicJwk, createdAt: now })
      .onConflictDoUpdate({ target: signingKeys.kid, set: { retiredAt: null } });
    const [mine] = await tx.select({ createdAt: signingKeys.createdAt }).from(signingKeys).where(eq(signingKeys.kid, key.kid));
    await tx
      .update(signingKeys)
      .set({ retiredAt: now })
      .where(and(ne(signingKeys.kid, key.kid), isNull(signingKeys.retiredAt), lt(signingKeys.createdAt, mine!.createdAt)));
  });
}

/** The public keys verifiers may use now: current ones, and retired ones whose tokens may still be live. */
export async function publishedKeys(db: Executor, clock: Clock): Promise<PublicSigningJwk[]> {
  const since = new Date(clock.now().getTime() - RETIRED_KEY_GRACE_MS);
  const rows = await db
    .select({ jwk: signingKeys.publicJwk, createdAt: signingKeys.createdAt })
    .from(signingKeys)
    .where(or(isNull(signingKeys.retiredAt), gt(signingKeys.retiredAt, since)))
    .orderBy(signingKeys.createdAt);
  return rows.map((r) => r.jwk).reverse();
}

type CachedKey = { jwk: PublicSigningJwk; key: CryptoKey };

/**
 * The key set as this process sees it: read from the database at most once
 * a minute, and again (at most every few seconds) when a token names a kid
 * it does not know, so a key another instance just registered is found.
 */
export class KeySetCache {
  private keys = new Map<string, CachedKey>();
  private loadedAt = -Infinity;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
    private readonly ttlMs = 60_000,
    private readonly missRefreshMs = 5_000,
  ) {}

  private reload(): Promise<void> {
    this.loading ??= (async () => {
      try {
        const jwks = await publishedKeys(this.db, this.clock);
        const next = new Map<string, CachedKey>();
        for (const jwk of jwks) {
          const known = this.keys.get(jwk.kid);
          const key = known && known.jwk.x === jwk.x && known.jwk.y === jwk.y ? known.key : ((await importJWK(jwk, 'ES256')) as CryptoKey);
          next.set(jwk.kid, { jwk, key });
        }
        this.keys = next;
        this.loadedAt = this.clock.now().getTime();
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }

  /** Forget what was loaded: the next read goes to the database. */
  invalidate(): void {
    this.loadedAt = -Infinity;
  }

  async list(): Promise<PublicSigningJwk[]> {
    if (this.clock.now().getTime() - this.loadedAt >= this.ttlMs) await this.reload();
    return [...this.keys.values()].map((k) => k.jwk);
  }

  /** The verification key for a kid, or null when it is not (or no longer) published. */
  async get(kid: string): Promise<CryptoKey | null> {
    const age = this.clock.now().getTime() - this.loadedAt;
    if (age >= this.ttlMs) await this.reload();
    let found = this.keys.get(kid);
    if (!found && this.clock.now().getTime() - this.loadedAt >= this.missRefreshMs) {
      await this.reload();
      found = this.keys.get(kid);
    }
    return found?.key ?? null;
  }
}
