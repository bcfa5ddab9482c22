// Configuration from the environment, read once and validated with zod.
import path from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  ARC_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** 32 bytes, base64: encrypts personal data at rest. */
  ARC_DATA_KEY: z.string().optional(),
  /** The ES256 key that signs presentation tokens and status lists: a P-256 private key as PKCS#8 PEM or JWK. */
  ARC_SIGNING_KEY: z.string().optional(),
  /** The Ed25519 key that signs audit checkpoints (and nothing else): PKCS#8 PEM or JWK. */
  ARC_AUDIT_KEY: z.string().optional(),
  /** The WebAuthn relying party ID (the site's host name). */
  ARC_RP_ID: z.string().min(1).default('localhost'),
  /** Comma-separated origins allowed in WebAuthn ceremonies. */
  ARC_ORIGINS: z.string().optional(),
  /** Seed this many synthetic residents on the first start of the embedded database. */
  ARC_SEED_RESIDENTS: z.coerce.number().int().min(0).default(50_000),
  /**
   * The demo (synthetic population, demo sign-in, chip and SMS simulators, dev
   * inbox, demo banner): on by default on the embedded database, off on
   * PostgreSQL. 0 turns it off on the embedded database too (a real install);
   * 1 turns it on for an empty PostgreSQL database (journeys on a server
   * database). Either way the demo features also need a database the seed
   * marked as a demo: see AppContext.demo in lib/context.
   */
  ARC_DEMO: z.enum(['0', '1']).optional(),
  /** 1: refuse passkeys that may be synced to other devices (backup-eligible, BE=1). */
  ARC_REFUSE_BACKUP_ELIGIBLE: z.enum(['0', '1']).optional(),
  /** An HTTP SMS gateway (JSON POST); without it the demo uses the SMS simulator, and a real install cannot send SMS. */
  ARC_SMS_GATEWAY_URL: z.url().optional(),
  ARC_SMS_GATEWAY_TOKEN: z.string().optional(),
  /** WebRTC ICE servers for the video check (STUN/TURN), as JSON: [{"urls": "turn:…", "username": "…", "credential": "…"}]. None by default (one host, or one network). */
  ARC_ICE_SERVERS: z.string().optional(),
});

const iceServersSchema = z
  .array(
    z
      .object({
        urls: z.union([z.string().regex(/^(stun|stuns|turn|turns):/), z.array(z.string().regex(/^(stun|stuns|turn|turns):/)).min(1)]),
        username: z.string().optional(),
        credential: z.string().optional(),
      })
      .strict(),
  )
  .max(10);

export type IceServer = z.infer<typeof iceServersSchema>[number];

function parseIceServers(value: string | undefined): IceServer[] {
  if (!value?.trim()) return [];
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    throw new Error('ARC Mobile: invalid configuration\n  ARC_ICE_SERVERS: not JSON (expected [{"urls": "stun:…"}])');
  }
  const parsed = iceServersSchema.safeParse(json);
  if (!parsed.success) throw new Error('ARC Mobile: invalid configuration\n  ARC_ICE_SERVERS: expected a list of {urls, username?, credential?} with stun:/turn: URLs');
  return parsed.data;
}

export type AppConfig = {
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  database: 'pglite' | 'postgres';
  dataKeyBase64: string | undefined;
  /** PKCS#8 PEM or JWK (JSON) of the ES256 signing key; generated into dataDir on the embedded default. */
  signingKey?: string;
  /** PKCS#8 PEM or JWK of the Ed25519 audit checkpoint key; generated into dataDir on the embedded default. */
  auditKey?: string;
  rpId: string;
  origins: string[];
  seedResidents: number;
  /**
   * The configuration asks for the demo: demo data is seeded into an empty
   * database at start (unless it was set up as a real install). On by
   * default on the embedded database; ARC_DEMO decides (see envSchema).
   * Whether the demo sign-in, simulators, dev inbox and banner exist is
   * AppContext.demo (this AND a database seeded as a demo): ask that.
   */
  demo: boolean;
  /** Refuse backup-eligible (syncable) passkeys at enrollment. */
  refuseBackupEligible: boolean;
  smsGateway: { url: string; token: string | undefined } | undefined;
  /** ICE servers handed to both browsers of a video check (empty: host candidates only). */
  iceServers: IceServer[];
};

/** The configuration from `env` (process.env by default; tests pass a plain object). */
export function readConfig(env: Readonly<Record<string, string | undefined>> = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`ARC Mobile: invalid configuration\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const origins = e.ARC_ORIGINS
    ? e.ARC_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean)
    : [`http://localhost:${e.PORT}`, `http://127.0.0.1:${e.PORT}`];
  const demo = e.ARC_DEMO === '1' || (!e.DATABASE_URL && e.ARC_DEMO !== '0');
  return {
    port: e.PORT,
    dataDir: path.resolve(e.ARC_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    database: e.DATABASE_URL ? 'postgres' : 'pglite',
    dataKeyBase64: e.ARC_DATA_KEY,
    signingKey: e.ARC_SIGNING_KEY || undefined,
    auditKey: e.ARC_AUDIT_KEY || undefined,
    rpId: e.ARC_RP_ID,
    origins,
    seedResidents: e.ARC_SEED_RESIDENTS,
    demo,
    refuseBackupEligible: e.ARC_REFUSE_BACKUP_ELIGIBLE === '1',
    smsGateway: e.ARC_SMS_GATEWAY_URL ? { url: e.ARC_SMS_GATEWAY_URL, token: e.ARC_SMS_GATEWAY_TOKEN } : undefined,
    iceServers: parseIceServers(e.ARC_ICE_SERVERS),
  };
}
