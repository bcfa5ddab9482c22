// Test fixtures for presentation (never used by the app): deps on a test
// database with a fixed clock and a fresh signing key, a card holder, and
// token surgery for the negative cases.
import { createHmac } from 'node:crypto';
import { fixedClock } from '@/lib/clock';
import type { TestDatabase } from '@/lib/context/testing';
import { createPresentationDeps, type PresentationDeps } from '../deps';
import { generateSigningKey, type SigningKey } from '../signing-key';
import { allocateStatusIndex } from '@/lib/status';
import type { CardHolder } from '../profiles';

export const TEST_ORIGIN = 'http://localhost:3100';

export type PresentationFixture = PresentationDeps & { clock: ReturnType<typeof fixedClock>; key: SigningKey };

export async function presentationFixture(
  database: TestDatabase,
  opts: { start?: string; key?: SigningKey; origin?: string } = {},
): Promise<PresentationFixture> {
  const clock = fixedClock(opts.start ?? '2026-03-02T01:00:00Z');
  const key = opts.key ?? (await generateSigningKey()).key;
  const deps = await createPresentationDeps({
    db: database.db,
    clock,
    keys: database.keys,
    config: { rpId: 'localhost', origins: [opts.origin ?? TEST_ORIGIN], refuseBackupEligible: false },
    key,
    // The caches age with the test's clock.
    now: () => clock.now().getTime(),
  });
  return { ...deps, clock, key };
}

export const holder: CardHolder = {
  name: 'NGUYEN THI THANH HUONG',
  nationality: 'VN',
  residenceStatus: 'E-9',
  birthDate: '1996-04-12',
  registrationNumber: '960412-6123456',
  validUntil: '2028-06-30',
};

export async function newStatusIndex(deps: PresentationDeps): Promise<number> {
  return deps.db.transaction((tx) => allocateStatusIndex(tx, deps.clock));
}

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

export function decodePart(token: string, part: 0 | 1): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[part]!, 'base64url').toString('utf8'));
}

/** The same token with its payload replaced (signature kept). */
export function withPayload(token: string, payload: Record<string, unknown>): string {
  const [h, , s] = token.split('.');
  return `${h}.${b64(payload)}.${s}`;
}

/** An unsigned token: alg none, empty signature. */
export function algNone(token: string): string {
  const header = decodePart(token, 0);
  return `${b64({ ...header, alg: 'none' })}.${token.split('.')[1]}.`;
}

/** The classic confusion attack: HS256 with the issuer's public key (as text) as the HMAC secret. */
export function hs256WithSecret(token: string, secret: string | Buffer): string {
  const header = decodePart(token, 0);
  const signingInput = `${b64({ ...header, alg: 'HS256' })}.${token.split('.')[1]}`;
  return `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
}
