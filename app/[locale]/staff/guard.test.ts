// Every staff page and server action goes through the one staff guard
// (the guard's own behaviour, per role, is tested in lib/staff/staff.test.ts
// and in the journey e2e/staff.spec.ts). A new page or action that forgets
// it fails here.
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
  demoSignInAction: 'lib/staff refuses it outside the demo',
};

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

  it('is called first by every server action that is not public', () => {
    const source = fs.readFileSync(path.join(here, 'actions.ts'), 'utf8');
    const actions = [...source.matchAll(/export async function (\w+)\([^)]*\)[^{]*\{([\s\S]*?)\n\}/g)];
    expect(actions.length).toBeGreaterThanOrEqual(5);
    for (const [, name, body] of actions) {
      if (publicActions[name!]) continue;
      expect(body, `${name} must call requireStaffAction`).toMatch(/await requireStaffAction\(\[[^\]]+\]\)/);
      // ...before it touches any use case.
      const guardAt = body!.indexOf('requireStaffAction');
      for (const useCase of ['createOfficeGrant', 'findResidentForOfficer', 'inviteStaff', 'changeStaffRole', 'residentFacts']) {
        const at = body!.indexOf(`${useCase}(`);
        if (at >= 0) expect(at, `${name} calls ${useCase} before the guard`).toBeGreaterThan(guardAt);
      }
    }
  });

  it('officer actions allow only officers, admin actions only admins', () => {
    const source = fs.readFileSync(path.join(here, 'actions.ts'), 'utf8');
    const roleOf = (fn: string) => new RegExp(`export async function ${fn}[\\s\\S]*?requireStaffAction\\((\\[[^\\]]+\\])`).exec(source)?.[1];
    expect(roleOf('officerDeskAction')).toBe("['officer']");
    expect(roleOf('inviteStaffAction')).toBe("['admin']");
    expect(roleOf('changeRoleAction')).toBe("['admin']");
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
