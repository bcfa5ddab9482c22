import { describe, expect, it } from 'vitest';
import { API_POLICY, newNonce, pagePolicy, SECURITY_HEADERS, staticPagePolicy, WORKER_POLICY } from './headers';

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

describe('Content-Security-Policy', () => {
  it('a page: its nonce and strict-dynamic for scripts, nothing inline without it, no plugins, frames or foreign bases', () => {
    const nonce = newNonce();
    const d = directives(pagePolicy(nonce));
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual([`'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(d.get('style-src')).toEqual(["'self'", `'nonce-${nonce}'`]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'self'"]);
    expect(d.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('worker-src')).toEqual(["'self'"]);
    expect(d.get('manifest-src')).toEqual(["'self'"]);
    expect(d.get('media-src')).toEqual(["'self'", 'blob:']);
    for (const [name, values] of d) {
      if (name !== 'style-src-attr') expect(values, name).not.toContain("'unsafe-inline'");
      expect(values, name).not.toContain("'unsafe-eval'");
      expect(values, name).not.toContain('*');
    }
  });

  it('eval and inline styles only for next dev', () => {
    const dev = directives(pagePolicy(newNonce(), { dev: true }));
    expect(dev.get('script-src')).toContain("'unsafe-eval'");
    expect(dev.get('script-src')).not.toContain("'unsafe-inline'");
    expect(dev.get('style-src')).toContain("'unsafe-inline'");
  });

  it('a fresh, unguessable nonce each time; a policy refuses anything that is not one', () => {
    const seen = new Set(Array.from({ length: 100 }, () => newNonce()));
    expect(seen.size).toBe(100);
    for (const n of seen) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(() => pagePolicy("x'; script-src *")).toThrow();
    expect(() => pagePolicy('')).toThrow();
  });

  it('a page rendered per request vouches for the script font\'s inline rules by hash as well as the nonce', () => {
    const nonce = newNonce();
    const h = 'sha256-' + 'A'.repeat(43) + '=';
    expect(directives(pagePolicy(nonce, { styleHashes: [h, h] })).get('style-src')).toEqual(["'self'", `'nonce-${nonce}'`, `'${h}'`]);
    expect(() => pagePolicy(nonce, { styleHashes: ["x' 'unsafe-inline"] })).toThrow();
  });

  it('…and for the script font\'s late switch by hash in script-src, beside the nonce and strict-dynamic', () => {
    const nonce = newNonce();
    const h = 'sha256-' + 'B'.repeat(43) + '=';
    expect(directives(pagePolicy(nonce, { scriptHashes: [h] })).get('script-src')).toEqual([`'nonce-${nonce}'`, `'${h}'`, "'strict-dynamic'"]);
    expect(directives(pagePolicy(nonce)).get('script-src')).toEqual([`'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(() => pagePolicy(nonce, { scriptHashes: ["x' 'unsafe-inline"] })).toThrow();
  });

  it('a prerendered page: its inline scripts and styles by hash, the bundle from self, no nonce, nothing else inline', () => {
    const a = 'sha256-' + 'a'.repeat(43) + '=';
    const b = 'sha256-' + 'b'.repeat(43) + '=';
    const d = directives(staticPagePolicy({ scripts: [a, b], styles: [b] }));
    expect(d.get('script-src')).toEqual(["'self'", `'${a}'`, `'${b}'`]);
    expect(d.get('style-src')).toEqual(["'self'", `'${b}'`]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    for (const [name, values] of d) {
      if (name !== 'style-src-attr') expect(values, name).not.toContain("'unsafe-inline'");
      expect(values.join(' '), name).not.toContain('nonce');
    }
    expect(() => staticPagePolicy({ scripts: ["'unsafe-inline'"], styles: [] })).toThrow();
  });

  it('answers that are not pages may run and load nothing; the worker only this origin', () => {
    expect(directives(API_POLICY).get('default-src')).toEqual(["'none'"]);
    expect(directives(API_POLICY).get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives(WORKER_POLICY).get('default-src')).toEqual(["'self'"]);
    expect(directives(WORKER_POLICY).get('script-src')).toEqual(["'self'"]);
  });

  it('the shared headers carry no policy of their own (pages get theirs from the proxy, with a nonce)', () => {
    expect(Object.keys(SECURITY_HEADERS).map((k) => k.toLowerCase())).not.toContain('content-security-policy');
  });
});
