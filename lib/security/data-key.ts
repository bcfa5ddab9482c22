// Where the data key comes from: configuration always wins; the embedded
// default generates one into the data directory on first start; a server
// database without a configured key is refused.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AppConfig } from '@/lib/config';

export const DATA_KEY_FILE = 'data.key';

export function resolveDataKey(config: Pick<AppConfig, 'dataKeyBase64' | 'database' | 'dataDir'>): Buffer {
  if (config.dataKeyBase64) {
    const key = Buffer.from(config.dataKeyBase64, 'base64');
    if (key.length !== 32) throw new Error('ARC_DATA_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)');
    return key;
  }
  if (config.database === 'postgres') {
    throw new Error(
      'ARC Mobile refuses to start on PostgreSQL without ARC_DATA_KEY: personal data would be unreadable on any other instance. Set ARC_DATA_KEY to 32 random bytes, base64 (openssl rand -base64 32).',
    );
  }
  const file = path.join(config.dataDir, DATA_KEY_FILE);
  try {
    const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte key`);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(32);
  // wx: never overwrite a key another process wrote meanwhile.
  try {
    fs.writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return resolveDataKey(config);
    throw error;
  }
}
