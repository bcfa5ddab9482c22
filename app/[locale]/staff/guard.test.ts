// Every staff page goes through the one staff guard, and every staff server
// action names its roles in the action wrapper's spec (the guard's own
// behaviour, per role, is tested in lib/staff/staff.test.ts and in the
// journey e2e/staff.spec.ts). A new page or action that forgets it fails here.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('next/navigation', () => ({ redirect: vi.fn() }));
vi.mock('next/headers', () => ({ cookies: vi.fn(), headers: vi.fn() }));

const here = import.meta.dirname;
const apiStaff = path.resolve(here, '..', '..', 'api', 'staff');

function files(dir: string, name: RegExp): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p, name) : name.test(e.name) ? [p] : [];
  });
}

/** Pages anyone may open, and why. */
const publicPages: Record<string, string> = {
  'sign-in/page.tsx': 'the way in',
  'demo/page.tsx': 'demo-only sign-in; refused (404) unless the demo database runs as the demo',
  'invite/[token]/page.tsx': 'the one-time invitation link is the credential',
};

/** Server actions anyone may call, and why. */
const publicActions: Record<string, string> = {
  signOutAction: 'ends whatever staff session the caller holds',
  demoSignInAction: 'demo only (the wrapper answers not_found elsewhere), and lib/staff refuses it outside the demo too',
};

type Spec = { staff?: readonly string[]; demoOnly?: boolean };

/** Every action exported by actions.ts, with the spec formAction() was given. */
async function staffActions(): Promise<Array<[string, Spec | undefined]>> {
  const { ACTION_SPEC } = await import('@/app/_lib/action');
  const module = (await import('./actions')) as Record<string, unknown>;
  return Object.entries(module)
    .filter(([, value]) => typeof value === 'function')
    .map(([name, value]) => [name, (value as unknown as Record<symbol, Spec | undefined>)[ACTION_SPEC]]);
}

describe('the staff guard', () => {
  it('is called by every staff page with the roles it allows', () => {
    const pages = files(here, /^page\.tsx$/).map((p) => path.relative(here, p));
    expect(pages.length).toBeGreaterThanOrEqual(6);
    for (const page of pages) {
      const source = fs.readFileSync(path.join(here, page), 'utf8');
      if (publicPages[page]) {
        expect(source, page).not.toMatch(/guardStaffPage\(/);
        continue;
      }
      expect(source, `${page} must call guardStaffPage`).toMatch(/await guardStaffPage\(locale, (\[[^\]]+\]|ALL_STAFF_ROLES),/);
    }
  });

  it('is named by every server action that is not public (the action wrapper checks it before the form is read)', async () => {
    const actions = await staffActions();
    expect(actions.length).toBeGreaterThanOrEqual(5);
    for (const [name, spec] of actions) {
      expect(spec, `${name} must be made by formAction()`).toBeDefined();
      if (publicActions[name]) {
        expect(spec!.staff, name).toBeUndefined();
        continue;
      }
      expect(spec!.staff?.length, `${name} must name the staff roles it allows`).toBeGreaterThan(0);
    }
  });

  it('officer actions allow only officers, admin actions only admins; the demo sign-in exists only on the demo', async () => {
    const specs = Object.fromEntries(await staffActions());
    expect(specs.officerDeskAction?.staff).toEqual(['officer']);
    expect(specs.inviteStaffAction?.staff).toEqual(['admin']);
    expect(specs.changeRoleAction?.staff).toEqual(['admin']);
    expect(specs.demoSignInAction?.demoOnly).toBe(true);
  });

  it('staff JSON endpoints are only the passkey ceremonies (anonymous by nature)', () => {
    const routes = files(apiStaff, /^route\.ts$/).map((p) => path.relative(apiStaff, p)).sort();
    expect(routes).toEqual(['register/options/route.ts', 'register/verify/route.ts', 'sign-in/options/route.ts', 'sign-in/verify/route.ts']);
  });

  it('follows a sign-in "next" address only within the staff pages of the same locale', async () => {
    const { safeStaffNext } = await import('./_lib/guard');
    expect(safeStaffNext('en', '/en/staff/officer')).toBe('/en/staff/officer');
    expect(safeStaffNext('en', '/en/staff')).toBe('/en/staff');
    expect(safeStaffNext('en', '//evil.example/en/staff')).toBe('/en/staff');
    expect(safeStaffNext('en', 'https://evil.example')).toBe('/en/staff');
    expect(safeStaffNext('en', '/en/staffing')).toBe('/en/staff');
    expect(safeStaffNext('en', '/en/staff/\\evil')).toBe('/en/staff');
    expect(safeStaffNext('en', undefined)).toBe('/en/staff');
  });
});
