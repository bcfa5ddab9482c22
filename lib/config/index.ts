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
   * inbox): on by default on the embedded database, off on PostgreSQL.
   * 0 turns it off on the embedded database too (a real install); 1 turns it
   * on for an empty PostgreSQL database (journeys on a server database).
   */
  ARC_DEMO: z.enum(['0', '1']).optional(),
  /** 1: refuse passkeys that may be synced to other devices (backup-eligible, BE=1). */
  ARC_REFUSE_BACKUP_ELIGIBLE: z.enum(['0', '1']).optional(),
  /** An HTTP SMS gateway (JSON POST); without it the demo database uses the SMS simulator. */
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
   * This install is the demo: demo data is seeded into an empty database at
   * start, and the demo sign-in, simulators and dev inbox exist. On by
   * default on the embedded database; ARC_DEMO decides (see envSchema).
   */
  demo: boolean;
  /** Seed demo data into an empty database at start: the same as `demo`. */
  seedDemo: boolean;
  /** Refuse backup-eligible (syncable) passkeys at enrollment. */
  refuseBackupEligible: boolean;
  smsGateway: { url: string; token: string | undefined } | undefined;
};

export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`ARC Mobile: invalid configuration\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const origins = e.ARC_ORIGINS
    ? e.ARC_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean)
    : [`http://localhost:${e.PORT}`, `http://127.0.0.1:${e.PORT}`];
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
    demo: e.ARC_DEMO === '1' || (!e.DATABASE_URL && e.ARC_DEMO !== '0'),
    seedDemo: e.ARC_DEMO === '1' || (!e.DATABASE_URL && e.ARC_DEMO !== '0'),
    refuseBackupEligible: e.ARC_REFUSE_BACKUP_ELIGIBLE === '1',
    smsGateway: e.ARC_SMS_GATEWAY_URL ? { url: e.ARC_SMS_GATEWAY_URL, token: e.ARC_SMS_GATEWAY_TOKEN } : undefined,
  };
}
