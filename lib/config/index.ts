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
});

export type AppConfig = {
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  database: 'pglite' | 'postgres';
  dataKeyBase64: string | undefined;
  /** PKCS#8 PEM or JWK (JSON) of the ES256 signing key; generated into dataDir on the embedded default. */
  signingKey?: string;
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
    rpId: e.ARC_RP_ID,
    origins,
    seedResidents: e.ARC_SEED_RESIDENTS,
    demo,
    refuseBackupEligible: e.ARC_REFUSE_BACKUP_ELIGIBLE === '1',
    smsGateway: e.ARC_SMS_GATEWAY_URL ? { url: e.ARC_SMS_GATEWAY_URL, token: e.ARC_SMS_GATEWAY_TOKEN } : undefined,
  };
}
