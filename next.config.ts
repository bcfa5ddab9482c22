import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { withSerwist } from '@serwist/turbopack';
import { API_POLICY, SECURITY_HEADERS, WORKER_POLICY } from './lib/security/headers';
import { readConfig } from './lib/config';

// next-intl's plugin takes a relative path under Turbopack (STACK-NOTES.md).
const withNextIntl = createNextIntlPlugin('./i18n/request.ts');

const nextConfig: NextConfig = {
  // Side-by-side builds (tests, benches) may each use their own folder.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  reactStrictMode: true,
  poweredByHeader: false,
  // PGlite ships WASM and data files that must be loaded from node_modules,
  // not bundled; pg has optional native bindings.
  serverExternalPackages: ['@electric-sql/pglite', 'pg'],
  // Stray lock files above the project would otherwise confuse Turbopack.
  turbopack: { root: import.meta.dirname },
  outputFileTracingRoot: import.meta.dirname,
  // npm test checks the types of the whole project (tsc --noEmit) before it
  // builds, and says so with ARC_TYPES_CHECKED=1: the build need not check
  // them again (22 s of it here). Every other build checks them.
  typescript: { ignoreBuildErrors: process.env.ARC_TYPES_CHECKED === '1' },
  experimental: {
    // Next.js refuses a server action whose Origin is not the Host it was sent to, and answers that
    // refusal with a 500: a form posted from http://localhost:3000 to a server reached as
    // 127.0.0.1:3000, or behind a proxy that renames the host. The app's own origins (ARC_ORIGINS)
    // are the origins an action may come from; proxy.ts refuses every other one first, with 403
    // cross_site. Read when the server starts, as next.config.ts is.
    serverActions: { allowedOrigins: readConfig().origins.map((origin) => new URL(origin).host) },
  },
  async headers() {
    // lib/security/headers.ts: the same set the verify fast path sends.
    // Pages get their Content-Security-Policy, with a fresh nonce, from
    // proxy.ts; the answers the proxy does not see get a fixed one here.
    const csp = (value: string) => [{ key: 'Content-Security-Policy', value }];
    return [
      { source: '/:path*', headers: Object.entries(SECURITY_HEADERS).map(([key, value]) => ({ key, value })) },
      { source: '/api/:path*', headers: csp(API_POLICY) },
      { source: '/.well-known/:path*', headers: csp(API_POLICY) },
      { source: '/c/:path*', headers: csp(API_POLICY) },
      { source: '/serwist/:path*', headers: csp(WORKER_POLICY) },
    ];
  },
};

export default withSerwist(withNextIntl(nextConfig));
