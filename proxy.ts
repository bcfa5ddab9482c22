import createMiddleware from 'next-intl/middleware';
import type { NextRequest } from 'next/server';
import { routing } from './lib/i18n/routing';
import { PATH_HEADER } from './lib/i18n/path';

const handleI18nRouting = createMiddleware(routing);

export default function proxy(request: NextRequest) {
  request.headers.set(PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  return handleI18nRouting(request);
}

export const config = {
  // Leave out the API, Next's own files, the service worker route, well-known
  // documents and any file with an extension (icons, manifest, fonts).
  matcher: ['/((?!api|_next|serwist|\\.well-known|.*\\..*).*)'],
};
