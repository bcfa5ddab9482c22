// The bench runner's contract (DESIGN.md): one JSON object per line, --only
// runs one figure. The seed figure runs here at a tiny size
// (ARC_BENCH_SEED_RESIDENTS) only to check the runner and the figure's shape;
// the real figure is `npm run bench -- --only seed_1m_residents_s`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

function bench(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench', 'run.ts'), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run bench', () => {
  it('--only runs one figure and prints one JSON line with name, value, unit and context', () => {
    const result = bench(['--only', 'seed_1m_residents_s'], { ARC_BENCH_SEED_RESIDENTS: '300' });
    expect(result.stderr).not.toMatch(/failed/);
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const figure = JSON.parse(lines[0]!);
    expect(figure).toMatchObject({ name: 'seed_1m_residents_s', unit: 's', residents: 300, runs: 1, goal_s: 180 });
    expect(figure.value).toBeGreaterThan(0);
    expect(figure.chip_cards + figure.legacy_cards).toBe(300 + figure.demo_residents);
    expect(figure.machine.cpus).toBeGreaterThan(0);
    expect(figure.node).toBe(process.version);
  }, 120_000);

  it('names the figures it has, and refuses an unknown one', () => {
    const list = bench(['--list']);
    expect(list.status).toBe(0);
    expect(list.stdout.split('\n')).toContain('seed_1m_residents_s');
    const unknown = bench(['--only', 'no_such_figure']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('no_such_figure');
    expect(unknown.stderr).toContain('seed_1m_residents_s');
  }, 60_000);
});
