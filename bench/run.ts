// npm run bench [-- --only NAME] [-- --list]
// Runs every figure (or one) and prints one JSON object per line:
// {"name","value","unit", ...context, "runs", "machine", "node"}.
import os from 'node:os';
import { parseArgs } from 'node:util';
import './figures';
import { figures } from './registry';

const { values } = parseArgs({
  options: {
    only: { type: 'string', multiple: true },
    list: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});

if (values.help) {
  process.stdout.write(
    'Usage: npm run bench [-- --only NAME [--only NAME2]] [-- --list]\n' +
      'Prints one JSON line per figure: {"name","value","unit",...}.\n\nFigures:\n' +
      figures.map((f) => `  ${f.name.padEnd(32)} ${f.description}`).join('\n') +
      '\n',
  );
  process.exit(0);
}
if (values.list) {
  for (const f of figures) process.stdout.write(`${f.name}\n`);
  process.exit(0);
}

const unknown = (values.only ?? []).filter((name) => !figures.some((f) => f.name === name));
if (unknown.length > 0) {
  process.stderr.write(`bench: no figure named ${unknown.join(', ')}. Figures: ${figures.map((f) => f.name).join(', ')}\n`);
  process.exit(2);
}
const selected = values.only ? figures.filter((f) => values.only!.includes(f.name)) : figures;

const cpus = os.cpus();
const cpus0 = cpus[0]?.model.trim() ?? 'unknown';

let failed = 0;
for (const figure of selected) {
  const started = performance.now();
  const load1 = Number(os.loadavg()[0]!.toFixed(2));
  try {
    const results = await figure.run();
    // A figure measured on several subjects (e.g. PGlite and PostgreSQL) prints one line each.
    for (const { value, unit, ...context } of Array.isArray(results) ? results : [results]) {
      const line = {
        name: figure.name,
        value,
        unit: unit ?? figure.unit,
        ...context,
        runs: figure.runs ?? 1,
        wall_s: Number(((performance.now() - started) / 1000).toFixed(1)),
        machine: { cpus: cpus.length, model: cpus0, memory_gb: Math.round(os.totalmem() / 2 ** 30), load1_at_start: load1 },
        node: process.version,
      };
      process.stdout.write(JSON.stringify(line) + '\n');
    }
  } catch (error) {
    failed++;
    process.stderr.write(`bench: ${figure.name} failed: ${(error as Error).stack ?? error}\n`);
  }
}
process.exit(failed > 0 ? 1 : 0);
