import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { withSerwist } from '@serwist/turbopack';
import { SECURITY_HEADERS } from './lib/security/headers';

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
  async headers() {
    // lib/security/headers.ts: the same set the verify fast path sends.
    return [{ source: '/:path*', headers: Object.entries(SECURITY_HEADERS).map(([key, value]) => ({ key, value })) }];
  },
};

export default withSerwist(withNextIntl(nextConfig));
