// Shared by the presentation endpoints: JSON bodies with a size limit, zod
// parsing, the card cookie, and AppErrors as localized JSON.
import { NextResponse, type NextRequest } from 'next/server';
import { getTranslations } from 'next-intl/server';
import type { z } from 'zod';
import { coreErrors, toAppError } from '@/lib/errors';
import { isLocale, defaultLocale, type Locale } from '@/lib/i18n/locales';
import { presentationErrors, readJsonBody } from '@/lib/presentation';

export const NO_STORE = { 'Cache-Control': 'no-store' } as const;

/** The cookie naming the open card (the unlock's session token and the credential ID). */
export const CARD_COOKIE = 'arc_card';

export function localeOf(value: unknown): Locale {
  return isLocale(value) ? value : defaultLocale;
}

export function json(body: unknown, status = 200): NextResponse {
  return NextResponse.json(body, { status, headers: NO_STORE });
}

/** An AppError (or anything thrown) as {error: {code, message}} with its status and a message in the reader's language. */
export async function errorResponse(error: unknown, locale: Locale): Promise<NextResponse> {
  const appError = toAppError(error);
  if (appError.status >= 500) console.error('presentation endpoint failed:', appError.code, (appError.cause as Error | undefined)?.message ?? '');
  const t = await getTranslations({ locale, namespace: 'errors' });
  let message: string;
  try {
    message = t(appError.code as never, appError.params as never);
  } catch {
    message = t('internal' as never);
  }
  return json({ error: { code: appError.code, message, params: appError.params } }, appError.status);
}

/** Reads and parses a JSON body; bad JSON, too large, or the wrong shape become the matching AppError. */
export async function parseBody<T extends z.ZodType>(request: Request, schema: T, maxBytes = 16 * 1024): Promise<z.infer<T>> {
  const body = await readJsonBody(request, maxBytes);
  if (!body.ok) {
    throw presentationErrors.create(body.code);
  }
  const parsed = schema.safeParse(body.value);
  if (!parsed.success) throw coreErrors.create('invalid_input');
  return parsed.data;
}

function secure(request: NextRequest): boolean {
  const proto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  return proto ? proto === 'https' : request.nextUrl.protocol === 'https:';
}

export function setCardCookie(response: NextResponse, request: NextRequest, value: string, maxAgeMs: number): void {
  response.cookies.set(CARD_COOKIE, value, {
    httpOnly: true,
    // Strict: the open card is never sent along with a request another site starts.
    sameSite: 'strict',
    secure: secure(request),
    path: '/',
    maxAge: Math.max(0, Math.floor(maxAgeMs / 1000)),
  });
}
