// npm run staff:invite -- --role admin --name "Kim Min-ji" --handle "kim.minji@immigration.example" [--locale ko] [--force]
// The first admin's one-time invitation on a real install (see --help).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { openDatabase, type Database, type Db } from '@/db/client';
import { DataDirLockedError } from '@/db/lock';
import { isDemoDatabase, markRealDatabase } from '@/db/settings';
import { readConfig, type AppConfig } from '@/lib/config';
import { systemClock, type Clock } from '@/lib/clock';
import { AppError } from '@/lib/errors';
import { isLocale, locales, type Locale } from '@/lib/i18n';
import { deriveDataKeys, resolveDataKey, type DataKeys } from '@/lib/security';
import { INVITE_TTL_MS, inviteStaffFromCommandLine, STAFF_ROLES, StaffBootstrapRefusedError, type StaffRole } from '@/lib/staff';

const HELP = `Usage: npm run staff:invite -- --role admin --name "NAME" --handle HANDLE [--locale L] [--force]

Creates a staff account and prints its one-time invitation link: whoever
opens it registers a passkey and signs in with that role. It is how a real
install gets its first admin; after that, admins invite staff on the staff
admin page (/<locale>/staff/admin).

The rule: it works only while the database has no active admin (one who has
registered a passkey; the demo's accounts do not count). --force makes it
work anyway, for when every admin has lost their passkeys; the audit log
records each invitation as made by the command line, and whether forced.
Run again for a handle whose invitation was not used yet, it gives a new
link and the old one stops working.

Database: the PostgreSQL server DATABASE_URL names (ARC_DATA_KEY must then be
set), otherwise the embedded database in ARC_DATA_DIR (default ./data). The
embedded database is refused, naming the holder, while the app has it open:
stop the app first. The link starts with the first of ARC_ORIGINS (default
http://localhost:$PORT) and expires after ${INVITE_TTL_MS / 3_600_000} hours.

Options:
  --role ROLE     ${STAFF_ROLES.join(', ')} (required; normally admin)
  --name NAME     the person's name, as staff pages show it (required)
  --handle H      their sign-in handle, e.g. kim.minji@immigration.example (required)
  --locale L      the language of the invitation page (default en; one of ${locales.join(', ')})
  --force         invite even though an active admin exists
  -h, --help      this text

Exit status: 0 invited, 1 refused or failed, 2 bad arguments.`;

export type StaffInviteArgs = { role: StaffRole; name: string; handle: string; locale: Locale; force: boolean };

export class UsageError extends Error {}

/** The command line's options, checked; throws UsageError. `help` when --help was asked. */
export function parseStaffInviteArgs(argv: string[]): StaffInviteArgs | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        role: { type: 'string' },
        name: { type: 'string' },
        handle: { type: 'string' },
        locale: { type: 'string', default: 'en' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  const role = values.role;
  if (role === undefined) throw new UsageError('--role is required (normally --role admin)');
  if (!(STAFF_ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${STAFF_ROLES.join(', ')}, not "${role}"`);
  if (!values.name?.trim()) throw new UsageError('--name "NAME" is required');
  if (!values.handle?.trim()) throw new UsageError('--handle HANDLE is required');
  if (!isLocale(values.locale)) throw new UsageError(`--locale must be one of ${locales.join(', ')}, not "${values.locale}"`);
  return { role: role as StaffRole, name: values.name, handle: values.handle, locale: values.locale, force: values.force };
}

export type StaffInviteResult = { link: string; expiresAt: Date; staffId: string; inviteId: string; reissued: boolean };

/**
 * What the command does, on an open database: the invitation (by the
 * bootstrap rule of lib/staff inviteStaffFromCommandLine) and its link.
 * A database that is not a demo is marked as a real install, so a later
 * start without ARC_DEMO=0 never seeds demo accounts into it.
 */
export async function staffInvite(
  deps: { db: Db; clock: Clock; keys: DataKeys; origin: string },
  args: StaffInviteArgs,
): Promise<StaffInviteResult> {
  const invite = await inviteStaffFromCommandLine(deps.db, deps.clock, deps.keys, {
    displayName: args.name,
    handle: args.handle,
    role: args.role,
    force: args.force,
  });
  if (!(await isDemoDatabase(deps.db))) await markRealDatabase(deps.db);
  const origin = deps.origin.replace(/\/+$/, '');
  return {
    link: `${origin}/${args.locale}/staff/invite/${invite.token}`,
    expiresAt: invite.expiresAt,
    staffId: invite.staffId,
    inviteId: invite.inviteId,
    reissued: invite.reissued,
  };
}

/** The refusal a person reads for an error from staffInvite. */
export function describeRefusal(error: unknown): string | undefined {
  if (error instanceof StaffBootstrapRefusedError) return `refused: ${error.message}`;
  if (error instanceof AppError) {
    switch (error.code) {
      case 'staff.handle_invalid':
        return 'refused: --handle must be 3 to 120 characters: letters, digits and . _ + - (an e-mail address works)';
      case 'staff.name_invalid':
        return 'refused: --name must be 1 to 100 characters';
      case 'staff.handle_taken':
        return 'refused: that handle already belongs to a staff account (one that registered a passkey, or a pending invitation for another role); choose another handle';
    }
  }
  return undefined;
}

function formatExpiry(at: Date, now: Date): string {
  const utc = at.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  const hours = Math.round((at.getTime() - now.getTime()) / 3_600_000);
  return `${utc} (in ${hours} hours)`;
}

function fail(message: string, code = 1): never {
  process.stderr.write(`staff:invite: ${message}\n`);
  process.exit(code);
}

async function main() {
  let args: StaffInviteArgs | 'help';
  try {
    args = parseStaffInviteArgs(process.argv.slice(2));
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
    fail((error as Error).message);
  }
  let database: Database;
  let keys: DataKeys;
  try {
    if (config.databaseUrl) {
      keys = deriveDataKeys(resolveDataKey(config));
      database = await openDatabase({ kind: 'postgres', url: config.databaseUrl });
    } else {
      // Lock first: a running app must be named before anything is touched.
      database = await openDatabase({ kind: 'pglite', dataDir: config.dataDir, holder: 'npm run staff:invite' });
      keys = deriveDataKeys(resolveDataKey(config));
    }
  } catch (error) {
    fail((error as Error).message);
  }
  const relative = path.relative(process.cwd(), config.dataDir);
  const shown = relative && !relative.startsWith('..') ? relative : config.dataDir;
  const where = database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `the embedded database in ${shown}`;
  try {
    const clock = systemClock;
    const result = await staffInvite({ db: database.db, clock, keys, origin: config.origins[0]! }, args);
    process.stdout.write(
      [
        `${result.reissued ? 'New invitation' : 'Invitation'} for ${args.name.trim()} (${args.role}) on ${where}.`,
        'Open this one-time link on the device that will hold the passkey:',
        '',
        `  ${result.link}`,
        '',
        `It expires ${formatExpiry(result.expiresAt, clock.now())} and works once.` +
          (result.reissued ? ' Earlier links for this handle no longer work.' : ''),
      ].join('\n') + '\n',
    );
  } catch (error) {
    await database.close();
    const refusal = describeRefusal(error);
    if (refusal) fail(refusal);
    throw error;
  }
  await database.close();
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  main().catch((error) => {
    if (error instanceof DataDirLockedError) fail(error.message);
    process.stderr.write(`staff:invite: ${(error as Error).stack ?? error}\n`);
    process.exit(1);
  });
}
