// The import boundaries of DESIGN.md ("Layers and the way data flows"),
// checked by lib/boundaries.test.ts on every `npm test`.
//
// A capability is a folder lib/<name>/ whose index.ts is its public face.
// Anything else inside it is an inner file: only the capability itself
// (its files, its tests, its testing/ folder) may import it. A capability
// may also have a test kit, lib/<name>/testing/index.ts: a second face
// that only tests, other test kits, benches and journeys may import.

/** Paths that are a capability's inner file: everything under lib/<name>/ but its faces. */
const CAPABILITY_INNER = '^lib/[^/]+/.+';
const CAPABILITY_FACES = ['^lib/[^/]+/index\\.ts$', '^lib/[^/]+/testing/index\\.ts$'];
/** Code that exists only to test or measure: tests, test kits, db/testing, benches, journeys. */
const TEST_CODE = ['\\.test\\.tsx?$', '^lib/[^/]+/testing/', '^app/_lib/testing/', '^db/testing\\.ts$', '^bench/', '^e2e/'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'No import circles anywhere. Type-only imports count too: a circle of types still ties two modules ' +
        'into one, and every circle found so far could be broken by moving a declaration down.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'app-not-to-db',
      severity: 'error',
      comment: 'Routes never touch drizzle tables or the connection; they call a capability in lib/.',
      from: { path: '^app/', pathNot: '\\.test\\.tsx?$' },
      to: { path: '^db/' },
    },
    {
      name: 'app-tests-to-db-schema-only',
      severity: 'error',
      comment:
        "A route's test may arrange and inspect rows through db/schema's tables, but opens its database " +
        'through the test kit (lib/context/testing), never db/ itself.',
      from: { path: '^app/.+\\.test\\.tsx?$' },
      to: { path: '^db/', pathNot: '^db/schema/' },
    },
    {
      name: 'test-kits-only-in-tests',
      severity: 'error',
      comment: 'Test kits (lib/<name>/testing/, app/_lib/testing/, db/testing.ts) are for tests, benches and journeys; the app never loads them.',
      from: { pathNot: TEST_CODE },
      to: { path: ['^lib/[^/]+/testing/', '^app/_lib/testing/', '^db/testing\\.ts$'] },
    },
    {
      name: 'components-not-to-db',
      severity: 'error',
      comment: 'Components render; the database is reached through lib/ from a route.',
      from: { path: '^components/' },
      to: { path: '^db/' },
    },
    {
      name: 'db-not-to-lib',
      severity: 'error',
      comment: 'db/ is the bottom layer: schema, connection, migrations. It imports nothing from lib/.',
      from: { path: '^db/' },
      to: { path: '^lib/' },
    },
    {
      name: 'lib-not-to-next-or-react',
      severity: 'error',
      comment:
        'lib/ is the domain and runs anywhere (scripts, benches, tests); Next.js, next-intl and React glue ' +
        'lives in app/, components/ or i18n/.',
      from: { path: '^lib/' },
      to: { path: '(^|/)node_modules/(next|next-intl|react|react-dom)/|^(next|next-intl|react|react-dom)(/|$)' },
    },
    {
      name: 'capability-to-other-capability-inner',
      severity: 'error',
      comment: "A capability may import another capability's index.ts, never its inner files.",
      from: { path: '^lib/([^/]+)/' },
      to: { path: CAPABILITY_INNER, pathNot: ['^lib/$1/', ...CAPABILITY_FACES] },
    },
    {
      name: 'outside-lib-to-capability-inner',
      severity: 'error',
      comment:
        'Routes, components, scripts, benches, journeys, the proxy and the i18n glue reach a capability ' +
        'through its index.ts only.',
      from: { pathNot: '^lib/' },
      to: { path: CAPABILITY_INNER, pathNot: CAPABILITY_FACES },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment:
        'Every import must resolve (the @/ alias through tsconfig.json): an import the cruiser cannot follow ' +
        'would slip past every rule above.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'lib-root-to-capability-inner',
      severity: 'error',
      comment: 'A file directly under lib/ belongs to no capability, so it too sees only index files.',
      from: { path: '^lib/[^/]+$' },
      to: { path: CAPABILITY_INNER, pathNot: CAPABILITY_FACES },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(\\.next[^/]*|data|test-results|playwright-report)/' },
    // Type-only imports are dependencies too (see no-circular).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
