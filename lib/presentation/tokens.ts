// Signing: presentation tokens (compact JWS, ES256) and status list tokens
// (statuslist+jwt). Both carry the kid of the key that signed them.
import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { CompactSign } from 'jose';
import type { Clock } from '@/lib/clock';
import { disclosedClaims, TOKEN_LIFETIME_S, type CardHolder, type Profile } from './profiles';
import { splitStatusIndex, type StatusView } from '@/lib/status';
import type { SigningKey } from './signing-key';

/** The largest token the card screen may show: a QR code of version 16 at error correction M holds 450 bytes. */
export const MAX_TOKEN_BYTES = 450;

/** How long a verifier may use a status list before fetching it again. */
export const STATUS_LIST_TTL_S = 900;
/** After this a status list token must not be used at all. */
export const STATUS_LIST_EXP_S = 86_400;

const encoder = new TextEncoder();

export type Issuer = {
  /** The site's origin, e.g. https://arc.example.kr: status list URLs start with it. */
  origin: string;
  key: SigningKey;
};

export function statusListUrl(origin: string, listId: number): string {
  return `${origin.replace(/\/$/, '')}/api/status-lists/${listId}`;
}

async function sign(key: SigningKey, header: Record<string, unknown>, payload: unknown): Promise<string> {
  return new CompactSign(encoder.encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'ES256', kid: key.kid, ...header })
    .sign(key.privateKey);
}

export type PresentationToken = { token: string; issuedAt: Date; expiresAt: Date; profile: Profile };

/** A signed token with the chosen profile's claims, valid for three minutes from now. */
export async function signPresentationToken(
  issuer: Issuer,
  clock: Clock,
  input: { holder: CardHolder; statusIndex: number; profile: Profile; requestId?: string },
): Promise<PresentationToken> {
  const now = clock.now();
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + TOKEN_LIFETIME_S;
  const { listId, idx } = splitStatusIndex(input.statusIndex);
  const payload = {
    ...disclosedClaims(input.holder, input.profile, now),
    ...(input.requestId ? { rq: input.requestId } : {}),
    iat,
    exp,
    status: { status_list: { idx, uri: statusListUrl(issuer.origin, listId) } },
  };
  const token = await sign(issuer.key, {}, payload);
  return { token, issuedAt: new Date(iat * 1000), expiresAt: new Date(exp * 1000), profile: input.profile };
}

/** The signed status list (statuslist+jwt) for one list, or null when there is no such list. */
export async function signStatusList(
  issuer: Issuer,
  clock: Clock,
  view: StatusView,
  listId: number,
): Promise<{ jwt: string; asOf: Date } | null> {
  const list = await view.listBytes(listId);
  if (!list) return null;
  const iat = Math.floor(clock.now().getTime() / 1000);
  const jwt = await sign(
    issuer.key,
    { typ: 'statuslist+jwt' },
    {
      sub: statusListUrl(issuer.origin, listId),
      iat,
      exp: iat + STATUS_LIST_EXP_S,
      ttl: STATUS_LIST_TTL_S,
      status_list: { bits: 2, lst: encodeStatusList(list.bytes) },
    },
  );
  return { jwt, asOf: new Date(list.asOf) };
}

/** A random id, base64url: 128 bits. */
export function randomId(): string {
  return randomBytes(16).toString('base64url');
}

/** The list compressed as the draft asks: zlib (RFC 1950) deflate, then base64url. */
function encodeStatusList(bytes: Uint8Array): string {
  return deflateSync(bytes, { level: 9 }).toString('base64url');
}
