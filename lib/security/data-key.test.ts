import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATA_KEY_FILE, resolveDataKey } from './data-key';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arc-key-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('data key', () => {
  it('is generated into the data directory on the embedded default, owner-only, and reused', () => {
    const dataDir = path.join(tempDir(), 'nested', 'data');
    const key = resolveDataKey({ dataKeyBase64: undefined, database: 'pglite', dataDir });
    expect(key.length).toBe(32);
    const file = path.join(dataDir, DATA_KEY_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(resolveDataKey({ dataKeyBase64: undefined, database: 'pglite', dataDir }).equals(key)).toBe(true);
  });

  it('comes from configuration when set, on either database, and writes no file', () => {
    const dataDir = tempDir();
    const configured = Buffer.alloc(32, 9);
    for (const database of ['pglite', 'postgres'] as const) {
      const key = resolveDataKey({ dataKeyBase64: configured.toString('base64'), database, dataDir });
      expect(key.equals(configured)).toBe(true);
    }
    expect(fs.existsSync(path.join(dataDir, DATA_KEY_FILE))).toBe(false);
  });

  it('is refused on PostgreSQL without ARC_DATA_KEY (and nothing is generated)', () => {
    const dataDir = tempDir();
    expect(() => resolveDataKey({ dataKeyBase64: undefined, database: 'postgres', dataDir })).toThrow(/ARC_DATA_KEY/);
    expect(fs.existsSync(path.join(dataDir, DATA_KEY_FILE))).toBe(false);
  });

  it('refuses a configured key that is not 32 bytes, and a damaged key file', () => {
    const dataDir = tempDir();
    expect(() =>
      resolveDataKey({ dataKeyBase64: Buffer.alloc(16).toString('base64'), database: 'postgres', dataDir }),
    ).toThrow(/32 bytes/);
    fs.writeFileSync(path.join(dataDir, DATA_KEY_FILE), Buffer.alloc(10).toString('base64'));
    expect(() => resolveDataKey({ dataKeyBase64: undefined, database: 'pglite', dataDir })).toThrow(/32-byte/);
  });
});
