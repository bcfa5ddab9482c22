import { describe, expect, it } from 'vitest';
import { readConfig } from '.';

const read = (env: Record<string, string>) => readConfig({ ARC_DATA_DIR: '/tmp/arc-config-test', ...env });

describe('config.demo', () => {
  it('is on for the embedded database unless ARC_DEMO=0', () => {
    expect(read({}).demo).toBe(true);
    expect(read({ ARC_DEMO: '1' }).demo).toBe(true);
    expect(read({ ARC_DEMO: '0' }).demo).toBe(false);
  });

  it('is off on PostgreSQL unless ARC_DEMO=1', () => {
    const url = 'postgres://arc:secret@127.0.0.1:5432/arc';
    expect(read({ DATABASE_URL: url }).demo).toBe(false);
    expect(read({ DATABASE_URL: url, ARC_DEMO: '0' }).demo).toBe(false);
    expect(read({ DATABASE_URL: url, ARC_DEMO: '1' }).demo).toBe(true);
  });

  it('refuses any other ARC_DEMO value, rather than guessing', () => {
    expect(() => read({ ARC_DEMO: 'false' })).toThrow(/ARC_DEMO/);
    expect(() => read({ ARC_DEMO: 'yes' })).toThrow(/ARC_DEMO/);
  });
});

describe('config.iceServers', () => {
  it('is empty by default and reads a JSON list of STUN/TURN servers', () => {
    expect(read({}).iceServers).toEqual([]);
    const servers = [{ urls: 'stun:stun.example.go.kr:3478' }, { urls: ['turn:turn.example.go.kr:3478?transport=udp'], username: 'arc', credential: 's3cret' }];
    expect(read({ ARC_ICE_SERVERS: JSON.stringify(servers) }).iceServers).toEqual(servers);
  });

  it('refuses what is not such a list, naming the variable', () => {
    expect(() => read({ ARC_ICE_SERVERS: 'stun:x' })).toThrow(/ARC_ICE_SERVERS/);
    expect(() => read({ ARC_ICE_SERVERS: '[{"urls":"http://x"}]' })).toThrow(/ARC_ICE_SERVERS/);
  });
});
