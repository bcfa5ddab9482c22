// The import boundaries of DESIGN.md, checked with dependency-cruiser over
// the whole code base: no import circles; routes never touch db/; lib/ never
// imports Next.js or React; db/ imports nothing from lib/; a capability is
// reached through its index.ts (and tests through its testing/index.ts),
// never through its inner files. The rules are .dependency-cruiser.cjs; a
// second cruise over a small made-up tree proves that each rule fires, so
// this test cannot pass by cruising nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cruise, type ICruiseOptions, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const ROOT = path.resolve(import.meta.dirname, '..');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');
/** Everything that is code of the app, its tools and its tests. */
const CRUISED = ['app', 'lib', 'db', 'components', 'scripts', 'i18n', 'bench', 'e2e', 'proxy.ts', 'instrumentation.ts'];

async function cruiseTree(baseDir: string, entries: string[], withTsConfig: boolean): Promise<ICruiseResult> {
  const options: ICruiseOptions = { ...(await extractDepcruiseOptions(CONFIG)), baseDir };
  // The made-up tree imports by relative paths only; the app's tsconfig.json means nothing there.
  if (!withTsConfig) delete options.tsConfig;
  const transpile = withTsConfig ? { tsConfig: extractTSConfig(path.join(ROOT, 'tsconfig.json')) } : {};
  const { output } = await cruise(
    entries.filter((entry) => fs.existsSync(path.join(baseDir, entry))),
    options,
    {},
    transpile,
  );
  if (typeof output === 'string') throw new Error('dependency-cruiser answered with text, not a result');
  return output;
}

function describeViolation(v: IViolation): string {
  const cycle = v.cycle?.length ? `: ${[v.from, ...v.cycle.map((step) => step.name)].join(' → ')}` : '';
  return `${v.rule.name}: ${v.from} → ${v.to}${cycle}`;
}

describe('import boundaries', () => {
  it('the code base breaks none of the rules', async () => {
    const result = await cruiseTree(ROOT, CRUISED, true);
    // A cruise that saw next to nothing would pass for the wrong reason.
    expect(result.summary.totalCruised).toBeGreaterThan(300);
    expect(result.modules.some((m) => m.source === 'lib/presentation/index.ts')).toBe(true);
    const violations = result.summary.violations.map(describeViolation);
    expect(violations, `${violations.length} import boundary violations:\n${violations.join('\n')}`).toEqual([]);
  }, 120_000);
});

describe('the rules themselves', () => {
  let fixture: string;
  let violations: IViolation[];

  /** A small tree with one violation of every rule, and imports that are fine. */
  const FILES: Record<string, string> = {
    'lib/alpha/index.ts': "export { inner } from './inner';\n",
    'lib/alpha/inner.ts': 'export const inner = 1;\n',
    'lib/alpha/testing/index.ts': "import { inner } from '../inner';\nexport const kit = inner;\n",
    // Fine: another capability's index, and its test kit from a test.
    'lib/gamma/index.ts': "import { inner } from '../alpha';\nexport const gamma = inner;\n",
    'lib/gamma/gamma.test.ts': "import { kit } from '../alpha/testing';\nimport { gamma } from '.';\nexport const t = kit + gamma;\n",
    // capability-to-other-capability-inner
    'lib/beta/index.ts': "import { inner } from '../alpha/inner';\nexport const beta = inner;\n",
    // no-circular
    'lib/beta/a.ts': "import { b } from './b';\nexport const a = (): number => b();\n",
    'lib/beta/b.ts': "import { a } from './a';\nexport const b = (): number => a();\n",
    // lib-not-to-next-or-react (and no-unresolvable: there is no node_modules here)
    'lib/beta/view.ts': "import { createElement } from 'react';\nexport const view = createElement;\n",
    // no-unresolvable
    'lib/beta/lost.ts': "import { nothing } from '../nowhere/index';\nexport const lost = nothing;\n",
    // lib-root-to-capability-inner
    'lib/root.ts': "import { inner } from './alpha/inner';\nexport const root = inner;\n",
    // outside-lib-to-capability-inner, app-not-to-db
    'app/page.ts': "import { inner } from '../lib/alpha/inner';\nimport { table } from '../db/schema/index';\nexport const page = inner + table;\n",
    // test-kits-only-in-tests
    'app/route.ts': "import { kit } from '../lib/alpha/testing/index';\nexport const route = kit;\n",
    // app-tests-to-db-schema-only
    'app/page.test.ts': "import { open } from '../db/client';\nexport const t = open;\n",
    // components-not-to-db
    'components/card.ts': "import { table } from '../db/schema/index';\nexport const card = table;\n",
    'db/schema/index.ts': 'export const table = 1;\n',
    // db-not-to-lib
    'db/client.ts': "import { gamma } from '../lib/gamma/index';\nexport const open = (): number => gamma;\n",
  };

  beforeAll(async () => {
    fixture = fs.mkdtempSync(path.join(os.tmpdir(), 'arc-boundaries-'));
    for (const [file, text] of Object.entries(FILES)) {
      fs.mkdirSync(path.dirname(path.join(fixture, file)), { recursive: true });
      fs.writeFileSync(path.join(fixture, file), text);
    }
    violations = (await cruiseTree(fixture, ['app', 'lib', 'db', 'components'], false)).summary.violations;
  }, 60_000);

  afterAll(() => {
    if (fixture) fs.rmSync(fixture, { recursive: true, force: true });
  });

  it('every rule catches its violation', async () => {
    const config = (await import(CONFIG)) as { default: { forbidden: { name: string }[] } };
    const rules = config.default.forbidden.map((rule) => rule.name).sort();
    expect(rules.length).toBeGreaterThanOrEqual(9);
    expect([...new Set(violations.map((v) => v.rule.name))].sort()).toEqual(rules);
  });

  it('names the circle and the inner import', () => {
    const found = violations.map(describeViolation);
    expect(found).toContainEqual(expect.stringMatching(/^no-circular: lib\/beta\/(a|b)\.ts → lib\/beta\/(b|a)\.ts/));
    expect(found).toContain('capability-to-other-capability-inner: lib/beta/index.ts → lib/alpha/inner.ts');
    expect(found).toContain('outside-lib-to-capability-inner: app/page.ts → lib/alpha/inner.ts');
    expect(found).toContain('db-not-to-lib: db/client.ts → lib/gamma/index.ts');
  });

  it("leaves alone a capability's index and a test's use of a test kit", () => {
    expect(violations.filter((v) => v.from.startsWith('lib/gamma/')).map(describeViolation)).toEqual([]);
  });
});
