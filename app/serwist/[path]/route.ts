// Builds and serves the service worker (app/sw.ts) at /serwist/sw.js.
// Turbopack runs no bundler plugins, so @serwist/turbopack bundles the worker
// with esbuild inside this route handler when the build prerenders it
// (see /tmp/pwa-notes.md → README, "Why @serwist/turbopack").
import { createSerwistRoute } from '@serwist/turbopack';
import { z } from 'zod';
import { route } from '@/app/_lib/route';

// Same rule as next.config.ts: side-by-side builds use their own folder.
const distDir = `${(process.env.NEXT_DIST_DIR || '.next').replace(/\/+$/, '')}/`;

const serwist = createSerwistRoute({
  swSrc: 'app/sw.ts',
  useNativeEsbuild: true,
  // The shell: the build's scripts and styles, the icons and the
  // registration script. Script fonts are cached per language by the
  // worker (only the reader's own), never all nine up front.
  globPatterns: [`${distDir}static/**/*.{js,css}`, 'public/icons/*.png'],
  // Serwist's default would also write a source map beside the worker.
  esbuildOptions: { sourcemap: false },
});

export const { dynamic, dynamicParams, revalidate, generateStaticParams } = serwist;

// The worker and its map, built by Serwist; the wrapper adds the request id and one error shape.
export const GET = route({ noDatabase: true, params: z.object({ path: z.string().max(100) }) }, ({ request, params }) =>
  serwist.GET(request, { params: Promise.resolve(params) }),
);
