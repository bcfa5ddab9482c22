// Verification on the verifier's own device, for when the network is gone:
// the key set and the status lists fetched while online are kept in
// localStorage; offline, a token's signature (WebCrypto, ES256 only) and
// times are checked here, and its status is read from the saved list while
// that list is within its time-to-live. No libraries.

// The claims as the server's verify endpoint names them (types only: nothing
// of lib/presentation is bundled into this page).
import type { DisclosedClaims, Profile } from '@/lib/presentation';

export type { Profile };
export type Claims = DisclosedClaims;

export type Verdict = {
  valid: boolean;
  reason?: string;
  claims?: Claims;
  /** live: the server checked it just now; offline: this device did, with the saved status list. */
  mode: 'live' | 'offline';
  /** Offline: when the status list used was issued (ms). */
  statusAsOf?: number;
};

type Jwk = { kty: string; crv: string; x: string; y: string; kid: string; alg?: string };
type SavedKeys = { keys: Jwk[]; fetchedAt: number };
type SavedList = { jwt: string; iat: number; ttl: number; exp: number; bits: number; lst: string; fetchedAt: number };

const KEYS_ITEM = 'arc-verify.jwks';
const LIST_ITEM = (id: number) => `arc-verify.status-list.${id}`;
const LISTS_ITEM = 'arc-verify.status-lists';
/** Clock difference tolerated between the holder's issuer and this device, for a code issued "in the future". */
const LEEWAY_S = 30;
const LIFETIME_S = 180;

function b64urlBytes(text: string): Uint8Array<ArrayBuffer> {
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  const binary = atob(padded);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

function decodeJson(segment: string): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(b64urlBytes(segment)));
  } catch {
    return undefined;
  }
}

function read<T>(item: string): T | null {
  try {
    return JSON.parse(localStorage.getItem(item) ?? 'null') as T | null;
  } catch {
    return null;
  }
}

function write(item: string, value: unknown): void {
  try {
    localStorage.setItem(item, JSON.stringify(value));
  } catch {
    // Storage full or refused: offline checks will say the status is unknown.
  }
}

async function importKey(jwk: Jwk): Promise<CryptoKey> {
  return crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, { name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'verify',
  ]);
}

/** Checks a compact JWS's ES256 signature with the saved key set: 'ok', or why not. */
async function checkSignature(token: string, keys: Jwk[]): Promise<{ ok: true; header: Record<string, unknown>; payload: unknown } | { ok: false; reason: string }> {
  const parts = token.trim().split('.');
  if (parts.length !== 3 || !parts.every((p) => /^[A-Za-z0-9_-]*$/.test(p))) return { ok: false, reason: 'malformed' };
  const header = decodeJson(parts[0]!);
  if (!header || typeof header !== 'object') return { ok: false, reason: 'malformed' };
  const { alg, kid, crit } = header as Record<string, unknown>;
  if (alg !== 'ES256') return { ok: false, reason: 'alg_not_allowed' };
  if (crit !== undefined) return { ok: false, reason: 'malformed' };
  const jwk = keys.find((k) => k.kid === kid);
  if (!jwk) return { ok: false, reason: 'unknown_key' };
  const signature = b64urlBytes(parts[2]!);
  if (signature.length !== 64) return { ok: false, reason: 'bad_signature' };
  const data = new TextEncoder().encode(`${parts[0]}.${parts[1]}`);
  let valid = false;
  try {
    valid = await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, await importKey(jwk), signature, data);
  } catch {
    return { ok: false, reason: 'bad_signature' };
  }
  if (!valid) return { ok: false, reason: 'bad_signature' };
  const payload = decodeJson(parts[1]!);
  if (!payload || typeof payload !== 'object') return { ok: false, reason: 'malformed' };
  return { ok: true, header: header as Record<string, unknown>, payload };
}

/** Fetches and saves the key set and the status lists this device knows of. Fails quietly offline. */
export async function refreshTrustData(extraListIds: number[] = []): Promise<boolean> {
  try {
    const response = await fetch('/.well-known/jwks.json', { cache: 'no-store' });
    if (!response.ok) return false;
    const { keys } = (await response.json()) as { keys: Jwk[] };
    write(KEYS_ITEM, { keys, fetchedAt: Date.now() } satisfies SavedKeys);
    const ids = [...new Set([1, ...(read<number[]>(LISTS_ITEM) ?? []), ...extraListIds])];
    await Promise.all(ids.map((id) => refreshList(id, keys)));
    write(LISTS_ITEM, ids);
    return true;
  } catch {
    return false;
  }
}

async function refreshList(id: number, keys: Jwk[]): Promise<void> {
  const response = await fetch(`/api/status-lists/${id}`, { cache: 'no-store' });
  if (!response.ok) return;
  const jwt = (await response.text()).trim();
  const checked = await checkSignature(jwt, keys);
  if (!checked.ok || checked.header.typ !== 'statuslist+jwt') return;
  const p = checked.payload as { iat?: number; exp?: number; ttl?: number; status_list?: { bits?: number; lst?: string } };
  if (typeof p.iat !== 'number' || typeof p.status_list?.lst !== 'string' || p.status_list.bits !== 2) return;
  write(LIST_ITEM(id), {
    jwt,
    iat: p.iat,
    ttl: typeof p.ttl === 'number' ? p.ttl : 0,
    exp: typeof p.exp === 'number' ? p.exp : p.iat,
    bits: 2,
    lst: p.status_list.lst,
    fetchedAt: Date.now(),
  } satisfies SavedList);
}

/** When the saved data was fetched (ms), or null: for "ready to check offline". */
export function savedTrustDataAt(): number | null {
  const keys = read<SavedKeys>(KEYS_ITEM);
  const list = read<SavedList>(LIST_ITEM(1));
  return keys && list ? Math.min(keys.fetchedAt, list.iat * 1000) : null;
}

async function inflate(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function dateOf(n: unknown): string | undefined {
  if (typeof n !== 'number' || !Number.isInteger(n)) return undefined;
  const s = String(n);
  return s.length === 8 ? `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}` : undefined;
}

function claimsOf(p: Record<string, unknown>): Claims | null {
  const times = {
    issuedAt: new Date((p.iat as number) * 1000).toISOString(),
    expiresAt: new Date((p.exp as number) * 1000).toISOString(),
    ...(typeof p.rq === 'string' ? { requestId: p.rq } : {}),
  };
  const keys = Object.keys(p).filter((k) => !['iat', 'exp', 'status', 'rq'].includes(k)).sort().join(',');
  if (keys === 'a19' && typeof p.a19 === 'boolean') return { profile: 'age19', age19OrOver: p.a19, ...times };
  const base = () =>
    typeof p.n === 'string' && typeof p.c === 'string' && typeof p.rs === 'string' && dateOf(p.bd) && dateOf(p.vu)
      ? { name: p.n, nationality: p.c, residenceStatus: p.rs, birthDate: dateOf(p.bd), validUntil: dateOf(p.vu) }
      : null;
  if (keys === 'bd,c,n,rs,vu') {
    const b = base();
    return b ? { profile: 'identity', ...b, ...times } : null;
  }
  if (keys === 'bd,c,n,rn,rs,vu' && typeof p.rn === 'string' && /^\d{13}$/.test(p.rn)) {
    const b = base();
    return b ? { profile: 'full', ...b, registrationNumber: `${p.rn.slice(0, 6)}-${p.rn.slice(6)}`, ...times } : null;
  }
  return null;
}

/** The whole check on this device. */
export async function verifyOffline(token: string, now = Date.now()): Promise<Verdict> {
  const fail = (reason: string, statusAsOf?: number): Verdict => ({ valid: false, reason, mode: 'offline', statusAsOf });
  const saved = read<SavedKeys>(KEYS_ITEM);
  if (!saved) return fail('status_unavailable');
  const checked = await checkSignature(token, saved.keys);
  if (!checked.ok) return fail(checked.reason);
  const p = checked.payload as Record<string, unknown>;
  if (typeof p.iat !== 'number' || typeof p.exp !== 'number' || p.exp - p.iat !== LIFETIME_S) return fail('malformed');
  const claims = claimsOf(p);
  const ref = (p.status as { status_list?: { idx?: unknown; uri?: unknown } } | undefined)?.status_list;
  if (!claims || typeof ref?.idx !== 'number' || typeof ref.uri !== 'string') return fail('malformed');
  const nowS = Math.floor(now / 1000);
  if (p.iat > nowS + LEEWAY_S) return fail('not_yet_valid');
  // Past its time, expired, as the live check says: the leeway is only for a code issued "in the future".
  if (p.exp <= nowS) return fail('expired');
  const today = new Date(now + 9 * 3600_000).toISOString().slice(0, 10);
  if (claims.validUntil && claims.validUntil < today) return fail('card_expired');

  const listId = Number(/\/api\/status-lists\/(\d+)$/.exec(ref.uri)?.[1] ?? NaN);
  const list = Number.isInteger(listId) ? read<SavedList>(LIST_ITEM(listId)) : null;
  // Within its time-to-live only: an older list might miss a card locked since.
  if (!list || nowS > list.iat + list.ttl || nowS > list.exp) return fail('status_unavailable', list ? list.iat * 1000 : undefined);
  const bytes = await inflate(b64urlBytes(list.lst));
  const byte = bytes[ref.idx >> 2];
  if (byte === undefined) return fail('malformed');
  const status = (byte >> ((ref.idx & 3) * 2)) & 3;
  if (status === 2) return fail('locked', list.iat * 1000);
  if (status !== 0) return fail('revoked', list.iat * 1000);
  return { valid: true, claims, mode: 'offline', statusAsOf: list.iat * 1000 };
}

/** The server's check (live status); on a network failure, this device's own. */
export async function verifyToken(token: string): Promise<Verdict> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5000);
  try {
    const response = await fetch('/api/presentations/verify', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
      signal: controller.signal,
      cache: 'no-store',
    });
    if (response.status >= 500) return verifyOffline(token);
    const result = (await response.json()) as { valid: boolean; reason?: string; claims?: Claims };
    const listId = Number(/\/api\/status-lists\/(\d+)/.exec(JSON.stringify(decodeJson(token.split('.')[1] ?? '') ?? ''))?.[1] ?? NaN);
    void refreshTrustData(Number.isInteger(listId) ? [listId] : []);
    return { ...result, mode: 'live' };
  } catch {
    return verifyOffline(token);
  } finally {
    clearTimeout(timer);
  }
}
