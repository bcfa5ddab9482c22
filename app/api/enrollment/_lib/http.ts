// Shared plumbing of the enrollment and resident passkey endpoints. Each
// step endpoint answers both a JSON request (the small client components)
// and a plain HTML form post (the server-rendered steps work without
// JavaScript): JSON gets {…} or {error: {code, params, message}} with the
// error's status; a form gets a 303 to the next step, or back to its page
// with ?error=<code>&<params>. Bad input is a 400 with a code, never a 5xx.
import { NextResponse, type NextRequest } from 'next/server';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { getAppContext } from '@/lib/context';
import { coreErrors, toAppError, type AppError } from '@/lib/errors';
import { ENROLLMENT_COOKIE, openEnrollment, stepUrl, type EnrollmentDeps, type EnrollmentPath, type StepResult } from '@/lib/enrollment';
import { isLocale, type Locale } from '@/lib/i18n/locales';
import { createSmsSender, type SmsSender } from '@/lib/sms';

export const CAMPAIGN_COOKIE = 'arc_c';

export type ParsedBody<T> = { data: T; isForm: boolean; locale: Locale };

function localeOf(value: unknown, request: NextRequest): Locale {
  if (isLocale(value)) return value;
  const cookie = request.cookies.get('NEXT_LOCALE')?.value;
  return isLocale(cookie) ? cookie : 'en';
}

function isFormRequest(request: NextRequest): boolean {
  const type = request.headers.get('content-type') ?? '';
  return type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data');
}

/** The body (JSON or form fields) checked with zod; malformed → bad_request, invalid → invalid_input. */
export async function readBody<S extends z.ZodType>(request: NextRequest, schema: S): Promise<ParsedBody<z.infer<S>>> {
  const isForm = isFormRequest(request);
  let raw: unknown;
  try {
    if (isForm) {
      const form = await request.formData();
      raw = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string'));
    } else {
      const text = await request.text();
      raw = text.trim() === '' ? {} : JSON.parse(text);
    }
  } catch {
    throw Object.assign(coreErrors.create('bad_request'), { isForm, locale: localeOf(undefined, request) });
  }
  const locale = localeOf((raw as { locale?: unknown } | null)?.locale, request);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw Object.assign(coreErrors.create('invalid_input'), { isForm, locale });
  return { data: parsed.data, isForm, locale };
}

let sender: SmsSender | undefined;

export async function enrollmentDeps(): Promise<EnrollmentDeps> {
  const { db, clock, keys, config } = await getAppContext();
  sender ??= createSmsSender(config, keys);
  return { db, clock, keys, config, sms: sender };
}

export function enrollmentToken(request: NextRequest): string | undefined {
  return request.cookies.get(ENROLLMENT_COOKIE)?.value;
}

export function campaignOf(request: NextRequest): string | null {
  return request.cookies.get(CAMPAIGN_COOKIE)?.value ?? null;
}

function secure(request: NextRequest): boolean {
  const proto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  return (proto ?? request.nextUrl.protocol.replace(':', '')) === 'https';
}

/** Binds the enrollment to this browser (httpOnly, SameSite=Lax, an hour at most: enrollments live 30 minutes). */
export function setEnrollmentCookie(response: NextResponse, request: NextRequest, token: string): NextResponse {
  response.cookies.set(ENROLLMENT_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: secure(request), path: '/', maxAge: 3600 });
  return response;
}

export function clearEnrollmentCookie(response: NextResponse, request: NextRequest): NextResponse {
  response.cookies.set(ENROLLMENT_COOKIE, '', { httpOnly: true, sameSite: 'lax', secure: secure(request), path: '/', maxAge: 0 });
  return response;
}

/** Messages looked up by a key made at run time (error codes), without next-intl's key types. */
type Translate = ((key: string, values?: Record<string, string | number>) => string) & { has(key: string): boolean };

async function translator(locale: Locale): Promise<Translate> {
  return (await getTranslations({ locale })) as unknown as Translate;
}

/** The SMS text in the resident's language. */
export async function smsTextFor(locale: Locale): Promise<(code: string) => string> {
  const t = await translator(locale);
  return (code) => t('enroll.smsBody', { code });
}

/** The localized message for an error code (errors.<code>), falling back to the generic one. */
export async function errorMessage(locale: Locale, error: AppError): Promise<string> {
  const t = await translator(locale);
  const key = `errors.${error.code}`;
  return t.has(key) ? t(key, error.params) : t('errors.internal');
}

const noStore = { 'cache-control': 'no-store' };

export function json(body: unknown, startedAt?: number): NextResponse {
  const headers: Record<string, string> = { ...noStore };
  if (startedAt !== undefined) headers['server-timing'] = `app;dur=${(performance.now() - startedAt).toFixed(1)}`;
  return NextResponse.json(body, { headers });
}

/** 303 to a page under the locale (after a form post). */
export function seeOther(request: NextRequest, locale: Locale, path: string, query?: Record<string, string | number>): NextResponse {
  const url = new URL(`/${locale}${path}`, request.nextUrl.origin);
  for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, String(v));
  return NextResponse.redirect(url, { status: 303, headers: noStore });
}

/**
 * An error as the caller wants it: JSON {error: {code, params, message}}
 * with its status, or for a form a 303 back to `formPage` with the code.
 */
export async function failure(
  request: NextRequest,
  error: unknown,
  form?: { isForm: boolean; locale: Locale; page: string },
): Promise<NextResponse> {
  const e = toAppError(error);
  if (e.code === 'internal') console.error('enrollment api:', error);
  const hint = error as { isForm?: boolean; locale?: Locale };
  const locale = form?.locale ?? hint.locale ?? localeOf(undefined, request);
  const isForm = form?.isForm ?? hint.isForm ?? isFormRequest(request);
  if (isForm && form?.page) return seeOther(request, locale, form.page, { error: e.code, ...e.params });
  return NextResponse.json(
    { error: { ...e.toJSON(), message: await errorMessage(locale, e) } },
    { status: e.status, headers: noStore },
  );
}

/**
 * The two steps that open (or resume) this browser's enrollment, identify
 * (chip path) and grant (officer or video path): parse the body, open the
 * enrollment, run the step, and answer with the next step (a 303 for a form
 * post, JSON otherwise), the enrollment cookie set even when the step fails.
 */
export async function openingStep<S extends z.ZodType<{ path: EnrollmentPath }>>(
  request: NextRequest,
  schema: S,
  step: 'identify' | 'grant',
  fallbackPage: string,
  run: (deps: EnrollmentDeps, token: string, body: ParsedBody<z.infer<S>>) => Promise<StepResult>,
): Promise<NextResponse> {
  const started = performance.now();
  let form: { isForm: boolean; locale: Locale; page: string } | undefined;
  let token: string | undefined;
  try {
    const body = await readBody(request, schema);
    form = { isForm: body.isForm, locale: body.locale, page: stepUrl(body.data.path, step) };
    const deps = await enrollmentDeps();
    const opened = await openEnrollment(deps, enrollmentToken(request), body.data.path, {
      locale: body.locale,
      campaign: campaignOf(request),
    });
    token = opened.token;
    const result = await run(deps, token, body);
    const next = stepUrl(result.path, result.step);
    const response = body.isForm ? seeOther(request, body.locale, next) : json({ step: result.step, url: `/${body.locale}${next}` }, started);
    return setEnrollmentCookie(response, request, token);
  } catch (error) {
    const response = await failure(request, error, form ?? { isForm: false, locale: 'en', page: fallbackPage });
    return token ? setEnrollmentCookie(response, request, token) : response;
  }
}
