import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { withSerwist } from '@serwist/turbopack';
import { permissionsPolicy, SECURITY_HEADERS } from './lib/security/headers';

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
    // lib/security/headers.ts: the same set the verify fast path sends. The
    // camera and the microphone only where a page scans (the verifier) or
    // calls (the video check, both sides); a later entry overrides an
    // earlier one for the same header.
    return [
      { source: '/:path*', headers: Object.entries(SECURITY_HEADERS).map(([key, value]) => ({ key, value })) },
      { source: '/:locale/verify', headers: [{ key: 'Permissions-Policy', value: permissionsPolicy({ camera: true }) }] },
      { source: '/:locale/booking/:secret/call', headers: [{ key: 'Permissions-Policy', value: permissionsPolicy({ camera: true, microphone: true }) }] },
      { source: '/:locale/staff/video/:sessionId', headers: [{ key: 'Permissions-Policy', value: permissionsPolicy({ camera: true, microphone: true }) }] },
    ];
  },
};

export default withSerwist(withNextIntl(nextConfig));
