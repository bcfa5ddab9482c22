// What a presentation token says: the three disclosure profiles, their short
// claim names, and the exact shapes a verifier accepts. A token carries only
// the chosen profile's claims, the times, and its card's place in the status
// list, so that the largest profile stays under 450 bytes (a QR code of
// version 16 or lower at error correction M).
import { z } from 'zod';

export const PROFILES = ['full', 'identity', 'age19'] as const;
export type Profile = (typeof PROFILES)[number];

/** Tokens live three minutes: long enough to scan, short enough that a screenshot goes stale. */
export const TOKEN_LIFETIME_S = 180;
/** Clock difference tolerated between the issuing and the verifying instance, for a token issued "in the future" (never after its expiry). */
export const CLOCK_LEEWAY_S = 10;

/**
 * Short claim names (the JWT's payload):
 *   n   name, as on the card          c   nationality (ISO 3166-1 alpha-2)
 *   rs  residence status (visa code)  bd  birth date, YYYYMMDD as a number
 *   rn  registration number, 13 digits (no hyphen)
 *   vu  card valid until, YYYYMMDD    a19 aged 19 or over (boolean)
 *   rq  the verifier's request this answers ("verifier asks" only)
 * plus iat, exp and status: {status_list: {idx, uri}} (IETF Token Status List).
 */
export type CardHolder = {
  name: string;
  nationality: string;
  residenceStatus: string;
  /** YYYY-MM-DD */
  birthDate: string;
  /** YYMMDD-GXXXXXX, as written on the card. */
  registrationNumber: string;
  /** YYYY-MM-DD: the last day the physical card is valid. */
  validUntil: string;
};

export type StatusReference = { status_list: { idx: number; uri: string } };

const yyyymmdd = z
  .number()
  .int()
  .min(19000101)
  .max(21001231)
  .refine((v) => isRealDay(v), 'not a day');

function isRealDay(v: number): boolean {
  const y = Math.floor(v / 10000);
  const m = Math.floor(v / 100) % 100;
  const d = v % 100;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function dateToNumber(isoDay: string): number {
  return Number(isoDay.replace(/-/g, ''));
}

export function numberToDate(day: number): string {
  const s = String(day);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

const statusSchema = z.strictObject({
  status_list: z.strictObject({ idx: z.number().int().min(0).max(2 ** 31 - 1), uri: z.string().min(1).max(300) }),
});

const common = {
  iat: z.number().int().positive(),
  exp: z.number().int().positive(),
  status: statusSchema,
  rq: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/).optional(),
};

const identityClaims = {
  n: z.string().min(1).max(120),
  c: z.string().regex(/^[A-Z]{2,3}$/),
  rs: z.string().min(1).max(16),
  bd: yyyymmdd,
  vu: yyyymmdd,
};

const fullPayload = z.strictObject({ ...identityClaims, rn: z.string().regex(/^\d{13}$/), ...common });
const identityPayload = z.strictObject({ ...identityClaims, ...common });
const age19Payload = z.strictObject({ a19: z.boolean(), ...common });

export const tokenPayloadSchema = z.union([fullPayload, identityPayload, age19Payload]);
export type TokenPayload = z.infer<typeof tokenPayloadSchema>;

export function profileOf(payload: TokenPayload): Profile {
  if ('a19' in payload) return 'age19';
  return 'rn' in payload ? 'full' : 'identity';
}

/** The Seoul calendar year of an instant. */
function seoulYear(at: Date): number {
  return new Date(at.getTime() + 9 * 3600_000).getUTCFullYear();
}

/**
 * "19 or over" as Korea's Youth Protection Act counts it for alcohol and
 * tobacco: a person stops being a youth on 1 January of the year they turn
 * 19, so the birth year alone decides (born in or before this year − 19).
 */
export function isAge19OrOver(birthDate: string, at: Date): boolean {
  return Number(birthDate.slice(0, 4)) <= seoulYear(at) - 19;
}

/** The chosen profile's claims, and nothing else. */
export function disclosedClaims(holder: CardHolder, profile: Profile, at: Date): Record<string, unknown> {
  if (profile === 'age19') return { a19: isAge19OrOver(holder.birthDate, at) };
  const identity = {
    n: holder.name,
    c: holder.nationality,
    rs: holder.residenceStatus,
    bd: dateToNumber(holder.birthDate),
    vu: dateToNumber(holder.validUntil),
  };
  if (profile === 'identity') return identity;
  return { ...identity, rn: holder.registrationNumber.replace(/\D/g, '') };
}

/** What a verifier is shown: the disclosed claims with plain names, and the times. */
export type DisclosedClaims = {
  profile: Profile;
  name?: string;
  nationality?: string;
  residenceStatus?: string;
  birthDate?: string;
  /** YYMMDD-GXXXXXX */
  registrationNumber?: string;
  validUntil?: string;
  age19OrOver?: boolean;
  issuedAt: string;
  expiresAt: string;
  requestId?: string;
};

export function readableClaims(payload: TokenPayload): DisclosedClaims {
  const times = {
    issuedAt: new Date(payload.iat * 1000).toISOString(),
    expiresAt: new Date(payload.exp * 1000).toISOString(),
    ...(payload.rq ? { requestId: payload.rq } : {}),
  };
  if ('a19' in payload) return { profile: 'age19', age19OrOver: payload.a19, ...times };
  const base = {
    name: payload.n,
    nationality: payload.c,
    residenceStatus: payload.rs,
    birthDate: numberToDate(payload.bd),
    validUntil: numberToDate(payload.vu),
  };
  if ('rn' in payload) {
    return { profile: 'full', ...base, registrationNumber: `${payload.rn.slice(0, 6)}-${payload.rn.slice(6)}`, ...times };
  }
  return { profile: 'identity', ...base, ...times };
}
