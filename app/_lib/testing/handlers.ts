// Every route handler and server action of the app, found on disk (a new one
// is included without anyone listing it): for the tests that hold them all to
// the shared wrappers' rules (app/fuzz.test.ts, app/csrf.test.ts).
import fs from 'node:fs';
import path from 'node:path';

export const appDir = path.resolve(import.meta.dirname, '..', '..');

function walk(dir: string, found: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, found);
    else found.push(full);
  }
  return found;
}

const files = walk(appDir).filter((f) => !f.endsWith('.test.ts') && !f.includes(`${path.sep}testing${path.sep}`));

/** route.ts files, relative to app/ (e.g. "api/loss/route.ts"). */
export const routeFiles = files.filter((f) => path.basename(f) === 'route.ts' && !f.includes('/_lib/')).map((f) => path.relative(appDir, f));

/** Files that start with 'use server', relative to app/. */
export const actionFiles = files
  .filter((f) => /\.(ts|tsx)$/.test(f) && /^\s*(\/\/[^\n]*\n\s*)*['"]use server['"]/.test(fs.readFileSync(f, 'utf8')))
  .map((f) => path.relative(appDir, f));

/** The dynamic segments of a route's path, e.g. "api/presentations/requests/[id]/route.ts" → ["id"]. */
export function segmentsOf(file: string): string[] {
  return [...file.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]!);
}

/** The URL of a route file on an origin, its dynamic segments filled in. */
export function urlOf(origin: string, file: string, params: Record<string, string>): string {
  const dir = path.dirname(file);
  const filled = dir.replace(/\[([^\]]+)\]/g, (_, name: string) => encodeURIComponent(params[name] ?? 'x'));
  return `${origin}/${filled}`;
}
