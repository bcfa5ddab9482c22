// npm run audit:verify [-- --json] [--at N] [--key JWK|FILE]…
// Recomputes the audit chain from entry 1 and checks every signed
// checkpoint (see --help).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { openDatabase, type Database, type Db } from '@/db/client';
import { DataDirLockedError } from '@/db/lock';
import { loadAuditKey, publicKeyFromJwk, publishedAuditKeys, verifyAuditChain, type AuditPublicKey, type ChainReport } from '@/lib/audit';
import { readConfig, type AppConfig } from '@/lib/config';

const HELP = `Usage: npm run audit:verify [-- --json] [--at N] [--key KEY]…

Recomputes the audit log's hash chain from entry 1: every entry's hash must
cover the previous entry's hash and the entry itself (SHA-256 over RFC 8785
canonical JSON), entry numbers must run 1, 2, 3 … without a gap, every
signed checkpoint must carry a valid signature and match the chain at its
size, and the head record must match the last entry. Names the first entry
that does not match.

Database: the PostgreSQL server DATABASE_URL names, otherwise the embedded
database in ARC_DATA_DIR (default ./data). The embedded database is refused,
naming the holder, while the app has it open: stop the app first (or check
the published checkpoint at /api/audit/checkpoint meanwhile). On
PostgreSQL it runs beside the app, on one consistent snapshot.

Checkpoint keys trusted: the configured one (ARC_AUDIT_KEY, or the key in
ARC_DATA_DIR), plus each --key. With neither, the keys recorded in the
database are used, and the summary says so: whoever can rewrite the log
could add a key there, so pass the published key (from
/api/audit/checkpoint) with --key to check against a key you hold.

Options:
  --json        print the report as JSON instead of one line
  --at N        also print the hash of entry N (to compare with a published checkpoint)
  --key KEY     trust this Ed25519 public key: a JWK ({"kty":"OKP","crv":"Ed25519","x":…})
                or a file holding one (or holding /api/audit/checkpoint's answer: its keys)
  -h, --help    this text

Exit status: 0 the chain is whole; 1 it is not (the first bad entry is named);
2 bad arguments; 3 the database could not be checked (locked, unreachable).`;

export type AuditVerifyArgs = { json: boolean; at?: number; keys: AuditPublicKey[] };

export class UsageError extends Error {}

/** Keys from a --key value: a JWK, a list of JWKs, {keys: […]}, or a file holding one of those. */
export function keysFromArgument(value: string): AuditPublicKey[] {
  let text = value.trim();
  if (!text.startsWith('{') && !text.startsWith('[')) {
    try {
      text = fs.readFileSync(text, 'utf8');
    } catch {
      throw new UsageError(`--key ${value}: neither a JWK nor a readable file`);
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError(`--key ${value}: not JSON`);
  }
  const list = Array.isArray(json) ? json : (json as { keys?: unknown }).keys ? (json as { keys: unknown[] }).keys : [json];
  try {
    return (list as unknown[]).map((k) => publicKeyFromJwk(k));
  } catch (error) {
    throw new UsageError(`--key ${value}: ${(error as Error).message}`);
  }
}

export function parseAuditVerifyArgs(argv: string[]): AuditVerifyArgs | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        json: { type: 'boolean', default: false },
        at: { type: 'string' },
        key: { type: 'string', multiple: true, default: [] },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  let at: number | undefined;
  if (values.at !== undefined) {
    at = Number(values.at);
    if (!Number.isSafeInteger(at) || at < 1) throw new UsageError(`--at must be an entry number (1 or more), not "${values.at}"`);
  }
  return { json: values.json, at, keys: values.key.flatMap(keysFromArgument) };
}

export type AuditVerifyOutcome = { report: ChainReport; keysFrom: 'configured' | 'database'; line: string; exitCode: 0 | 1 };

function withThousands(n: number): string {
  return n.toLocaleString('en');
}

/** The check itself, on an open database; the line it prints and its exit status. */
export async function auditVerify(deps: { db: Db; config: Pick<AppConfig, 'auditKey' | 'database' | 'dataDir'> }, args: AuditVerifyArgs): Promise<AuditVerifyOutcome> {
  const configured = loadAuditKey(deps.config);
  let trusted = [...(configured ? [configured] : []), ...args.keys];
  const keysFrom = trusted.length ? 'configured' : 'database';
  if (!trusted.length) trusted = await publishedAuditKeys(deps.db);
  const report = await verifyAuditChain(deps.db, { trustedKeys: trusted, hashAt: args.at });
  if (!report.ok) {
    return { report, keysFrom, exitCode: 1, line: `audit:verify: entry ${report.problem.seq} is bad (${report.problem.kind}): ${report.problem.message}` };
  }
  const last = report.lastCheckpoint;
  const parts = [
    `audit:verify: the chain is whole: ${withThousands(report.entries)} entries, head ${report.head}`,
    last
      ? `last signed checkpoint ${withThousands(last.size)} entries at ${last.at.toISOString()} (key ${last.keyId}; ${withThousands(report.checkpoints)} checkpoints checked${keysFrom === 'database' ? ' against the keys recorded in the database: pass --key to check against one you hold' : ''})`
      : 'no signed checkpoint yet',
  ];
  if (args.at !== undefined) parts.push(report.hashAt ? `entry ${report.hashAt.seq} hashes to ${report.hashAt.hash}` : `there is no entry ${args.at}`);
  return { report, keysFrom, exitCode: 0, line: `${parts.join('; ')} (${(report.ms / 1000).toFixed(1)} s)` };
}

function fail(message: string, code: number): never {
  process.stderr.write(`audit:verify: ${message}\n`);
  process.exit(code);
}

async function main() {
  let args: AuditVerifyArgs | 'help';
  try {
    args = parseAuditVerifyArgs(process.argv.slice(2));
  } catch (error) {
    fail(`${(error as Error).message} (see --help)`, 2);
  }
  if (args === 'help') {
    process.stdout.write(HELP + '\n');
    return;
  }
  let config: AppConfig;
  try {
    config = readConfig();
  } catch (error) {
    fail((error as Error).message, 2);
  }
  let database: Database;
  try {
    database = config.databaseUrl
      ? await openDatabase({ kind: 'postgres', url: config.databaseUrl, poolSize: 2 })
      : await openDatabase({ kind: 'pglite', dataDir: config.dataDir, holder: 'npm run audit:verify' });
  } catch (error) {
    // A locked data directory names its holder in the message.
    fail(error instanceof DataDirLockedError ? error.message : `cannot open the database: ${(error as Error).message}`, 3);
  }
  let outcome: AuditVerifyOutcome;
  try {
    outcome = await auditVerify({ db: database.db, config }, args);
  } catch (error) {
    await database.close();
    fail(`cannot check the log: ${(error as Error).message}`, 3);
  }
  await database.close();
  if (args.json) process.stdout.write(JSON.stringify({ ...outcome.report, keysFrom: outcome.keysFrom }) + '\n');
  else (outcome.exitCode === 0 ? process.stdout : process.stderr).write(outcome.line + '\n');
  process.exit(outcome.exitCode);
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  main().catch((error) => {
    process.stderr.write(`audit:verify: ${(error as Error).stack ?? error}\n`);
    process.exit(3);
  });
}
