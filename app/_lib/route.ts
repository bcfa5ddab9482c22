// THE way into every route handler. `route(spec, handler)` gives one
// exported method (GET, POST, DELETE…) that:
//   1. refuses state-changing requests another site sent (Sec-Fetch-Site,
//      Origin), unless the spec says the endpoint is for other sites too;
//   2. reads the body with a size limit (413 beyond it, whatever
//      Content-Length claims) as JSON or a plain form post, and parses it,
//      the query and the path's params with their zod schemas;
//   3. loads the app's dependencies, and the staff session and role when
//      the spec names roles; demo-only endpoints are 404 outside the demo;
//   4. answers every failure in one body, {error: {code, message, params}},
//      with the code's status and a message in the request's language — a
//      form post instead goes back to its page with ?error=<code> — and
//      never a 5xx for bad input;
//   5. logs one line per failure with a request id (also sent back in
//      X-Request-Id) and the error's code, never SQL or personal data.
// The handler returns a Response, or a plain value answered as JSON (200,
// no-store).
import { NextRequest, NextResponse } from 'next/server';
import { z } from 'zod';
import { readConfig } from '@/lib/config';
import { getAppContext, type AppContext } from '@/lib/context';
import { AppError, coreErrors, describeForLog, requestIdOf, toAppError, type ErrorParams } from '@/lib/errors';
import { pickLocale, type Locale } from '@/lib/i18n';
import { authorizeStaff, type StaffPrincipal, type StaffRole } from '@/lib/staff';
import { messageForCode } from './error-message';
import { FORM_FLASH_COOKIE, FORM_FLASH_MAX_AGE_S, sealFormFlash } from './form-flash';
import { SESSION_COOKIE } from './session-cookie';
import { cookieName, cookieOptions, isHttpsRequest, normaliseRequestCookies } from './cookie-names';
import { isSameOrigin } from './same-origin';

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024;

/** Marks a handler made by route() (with its spec), so a test can prove every exported handler is one. */
export const ROUTE_SPEC = Symbol.for('arc-mobile.route-spec');

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type AnySchema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

export type RouteSpec<B extends AnySchema | undefined, Q extends AnySchema | undefined, P extends AnySchema | undefined> = {
  /** The body's schema (JSON object or form fields). Without it, any body is refused unless empty. */
  body?: B;
  /** The query string's schema (its values are strings). */
  query?: Q;
  /** The path's dynamic segments' schema. */
  params?: P;
  /** The largest body taken, in bytes (default 16 KiB). */
  maxBytes?: number;
  /** 'any': other sites may call it (public, read-only in effect, e.g. verification). Default: same origin for every state-changing method. */
  origin?: 'same' | 'any';
  /** The staff roles allowed; absent = no staff session needed. */
  staff?: readonly StaffRole[];
  /** Only on a demo install (simulators, demo sign-in): 404 elsewhere. */
  demoOnly?: boolean;
  /**
   * The handler reads no data (a manifest, the service worker): the app's
   * database is not opened for it — these are prerendered by `next build`,
   * which must not open (or seed) the database. `ctx.app` then throws.
   */
  noDatabase?: boolean;
  /** For plain form posts: the page (under the locale) a failure goes back to, with ?error=<code>. */
  formPage?: string | ((input: Partial<Infer<B>>) => string);
  /** Extra fields an endpoint's published contract puts in its error body (e.g. verification's {valid, reason}). */
  errorFields?: (error: AppError) => Record<string, unknown>;
};

export type RouteContext<B, Q, P> = {
  request: NextRequest;
  body: B;
  query: Q;
  params: P;
  /** The language of the answer: the body's `locale`, else the phone's choice, else Accept-Language. */
  locale: Locale;
  /** True for a plain HTML form post (answer with a redirect, not JSON). */
  isForm: boolean;
  app: AppContext;
  /** The signed-in staff member, when the spec names roles. */
  staff: StaffPrincipal | undefined;
  requestId: string;
  /**
   * A cookie for the answer, whatever it turns out to be — success or
   * failure (e.g. the enrollment's cookie, so that wrong tries still count
   * on the same enrollment). httpOnly, path /, Secure over https unless the
   * options say otherwise.
   */
  setCookie(name: string, value: string, options: CookieOptions): void;
};

export type CookieOptions = { maxAge: number; sameSite?: 'lax' | 'strict'; httpOnly?: boolean };

type Handler<B, Q, P> = (ctx: RouteContext<B, Q, P>) => Promise<Response | object | null>;
type NextParams = { params: Promise<Record<string, string | string[]>> };

/** Failures before the body's schema ran carry what is known of the request so far. */
type Known = { locale: Locale; isForm: boolean; raw: Record<string, unknown> };

function isFormType(type: string): boolean {
  return type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data');
}

/** The body's bytes, stopping as soon as they pass the limit (Content-Length is only a hint). */
async function readBytes(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (Number.isFinite(declared) && declared > maxBytes) throw coreErrors.create('payload_too_large');
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        throw coreErrors.create('payload_too_large');
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw coreErrors.create('bad_request');
  }
  return Buffer.concat(chunks);
}

/** The body as a plain object: JSON, or a form's string fields. */
async function readBody(request: NextRequest, maxBytes: number, known: Known): Promise<Record<string, unknown> | undefined> {
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  const bytes = await readBytes(request, maxBytes);
  if (bytes.byteLength === 0) return undefined;
  if (isFormType(type)) {
    let form: FormData;
    try {
      form = await new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]), { headers: { 'content-type': type } }).formData();
    } catch {
      throw coreErrors.create('bad_request');
    }
    const fields: Record<string, unknown> = {};
    for (const [key, value] of form.entries()) if (typeof value === 'string') fields[key] = value;
    known.raw = fields;
    return fields;
  }
  if (type && !type.startsWith('application/json') && !type.startsWith('text/plain')) throw coreErrors.create('unsupported_media_type');
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw coreErrors.create('bad_request');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw coreErrors.create('invalid_input');
  known.raw = value as Record<string, unknown>;
  return value as Record<string, unknown>;
}

/** A stand-in for the app's context in a handler that reads no data: any use of it is a programming error. */
function withoutDatabase(): AppContext {
  return new Proxy({} as AppContext, {
    get(_, key) {
      throw new Error(`route({ noDatabase: true }) handler read app.${String(key)}`);
    },
  });
}

/** The origins this app answers as: the configured ones and the request's own. */
function sameOrigin(request: NextRequest, allowed: readonly string[]): boolean {
  return isSameOrigin(request.headers, request.nextUrl.origin, allowed);
}

function parseWith<S extends AnySchema | undefined>(schema: S, value: unknown, fallback: unknown = {}): Infer<S> {
  if (!schema) return undefined as Infer<S>;
  const parsed = schema.safeParse(value ?? fallback);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')).filter(Boolean))];
    throw coreErrors.create('invalid_input', fields.length ? { fields: fields.slice(0, 5).join(',') } : {});
  }
  return parsed.data as Infer<S>;
}

/** The request's path for a log line, with anything that looks like an id or a secret replaced. */
function pathForLog(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) => (/\d/.test(segment) && segment.length > 3) || segment.length > 24 ? ':id' : segment)
    .join('/');
}

export function logFailure(requestId: string, where: string, error: unknown): void {
  const described = describeForLog(error);
  const line = JSON.stringify({ level: described.status >= 500 ? 'error' : 'info', requestId, where, ...described });
  if (described.status >= 500) console.error(line);
  else console.log(line);
}

function seeOtherTo(request: NextRequest, locale: Locale, page: string, query: Record<string, string | number>): NextResponse {
  const url = new URL(`/${locale}${page}`, request.nextUrl.origin);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, String(v));
  return NextResponse.redirect(url, { status: 303, headers: { 'cache-control': 'no-store' } });
}

/** The one error body: {error: {code, message, params}} with the code's status. */
export async function errorResponse(error: AppError, locale: Locale, extra: Record<string, unknown> = {}): Promise<NextResponse> {
  const message = await messageForCode(locale, error.code, error.params);
  return NextResponse.json(
    { ...extra, error: { code: error.code, message, params: error.params } },
    { status: error.status, headers: { 'cache-control': 'no-store' } },
  );
}

function formQuery(error: AppError): Record<string, string | number> {
  const params: ErrorParams = {};
  for (const [k, v] of Object.entries(error.params)) if (/^[\w-]{1,20}$/.test(String(v))) params[k] = v;
  return { error: error.code, ...params };
}

/** Wraps one method of a route handler; see the top of this file. */
export function route<B extends AnySchema | undefined = undefined, Q extends AnySchema | undefined = undefined, P extends AnySchema | undefined = undefined>(
  spec: RouteSpec<B, Q, P>,
  handler: Handler<Infer<B>, Infer<Q>, Infer<P>>,
): (request: NextRequest | Request, context?: NextParams) => Promise<Response> {
  const wrapped = async (incoming: NextRequest | Request, context?: NextParams): Promise<Response> => {
    // Next hands route handlers a NextRequest; tests and other callers may pass a plain Request.
    const request = incoming instanceof NextRequest ? incoming : new NextRequest(incoming);
    // The app's cookies by their plain names, whatever the scheme (cookie-names.ts).
    normaliseRequestCookies(request);
    const started = performance.now();
    const requestId = requestIdOf(request.headers);
    const known: Known = {
      locale: pickLocale(request.nextUrl.searchParams.get('locale'), request.cookies.get('NEXT_LOCALE')?.value, request.headers.get('accept-language')),
      isForm: isFormType((request.headers.get('content-type') ?? '').toLowerCase()),
      raw: {},
    };
    let response: Response;
    let app: AppContext | undefined;
    const cookies: Array<[string, string, CookieOptions]> = [];
    const setCookie = (name: string, value: string, options: CookieOptions) => void cookies.push([name, value, options]);
    try {
      app = spec.noDatabase
        ? withoutDatabase()
        : await getAppContext().catch((cause: unknown) => {
            throw coreErrors.create('database_unavailable', {}, { cause });
          });
      if (!SAFE_METHODS.has(request.method) && spec.origin !== 'any' && !sameOrigin(request, spec.noDatabase ? readConfig().origins : app.config.origins)) {
        throw coreErrors.create('cross_site');
      }
      if (spec.demoOnly && !app.demo) throw coreErrors.create('not_found');
      // Who asks before what they sent: a caller with no session (or the wrong role) learns nothing of a
      // staff endpoint's fields from its refusals.
      const staff = spec.staff ? await authorizeStaff(app.db, app.clock, app.keys, request.cookies.get(SESSION_COOKIE.staff)?.value, spec.staff) : undefined;
      const raw = SAFE_METHODS.has(request.method) ? undefined : await readBody(request, spec.maxBytes ?? DEFAULT_MAX_BODY_BYTES, known);
      known.locale = pickLocale(raw?.locale ?? request.nextUrl.searchParams.get('locale'), request.cookies.get('NEXT_LOCALE')?.value, request.headers.get('accept-language'));
      if (raw && !spec.body && Object.keys(raw).some((k) => k !== 'locale')) throw coreErrors.create('invalid_input');
      const body = parseWith(spec.body, raw) as Infer<B>;
      const query = parseWith(spec.query, Object.fromEntries(request.nextUrl.searchParams)) as Infer<Q>;
      const params = parseWith(spec.params, context?.params ? await context.params : {}) as Infer<P>;
      const result = await handler({ request, body, query, params, locale: known.locale, isForm: known.isForm, app, staff, requestId, setCookie });
      response = result instanceof Response ? result : NextResponse.json(result, { headers: { 'cache-control': 'no-store' } });
    } catch (thrown) {
      const error = toAppError(thrown);
      logFailure(requestId, `${request.method} ${pathForLog(request.nextUrl.pathname)}`, thrown);
      const page = typeof spec.formPage === 'function' ? spec.formPage(known.raw as Partial<Infer<B>>) : spec.formPage;
      // The page gets back what was typed (not in the URL: a sealed, short-lived cookie).
      if (known.isForm && page && app && !spec.noDatabase && Object.keys(known.raw).length) {
        const fields = Object.fromEntries(Object.entries(known.raw).filter((e): e is [string, string] => typeof e[1] === 'string'));
        setCookie(FORM_FLASH_COOKIE, sealFormFlash(app.keys, { page, code: error.code, params: error.params, fields }, Date.now()), { maxAge: FORM_FLASH_MAX_AGE_S });
      }
      response =
        known.isForm && page
          ? seeOtherTo(request, known.locale, page, formQuery(error))
          : await errorResponse(error, known.locale, spec.errorFields?.(error));
    }
    if (cookies.length) {
      const out = response instanceof NextResponse ? response : new NextResponse(response.body, response);
      for (const [name, value, options] of cookies) {
        out.cookies.set(cookieName(name, isHttps(request)), value, cookieOptions(isHttps(request), options));
      }
      response = out;
    }
    response.headers.set('x-request-id', requestId);
    if (!response.headers.has('server-timing')) response.headers.set('server-timing', `app;dur=${(performance.now() - started).toFixed(1)}`);
    return response;
  };
  return Object.assign(wrapped, { [ROUTE_SPEC]: spec });
}

/** A 303 to a page under the locale, after a form post. */
export function seeOther(ctx: { request: NextRequest; locale: Locale }, page: string, query: Record<string, string | number> = {}): NextResponse {
  return seeOtherTo(ctx.request, ctx.locale, page, query);
}

/** JSON with a status other than 200 (a plain value returned from a handler is a 200). */
export function json(body: unknown, status = 200): NextResponse {
  return NextResponse.json(body, { status, headers: { 'cache-control': 'no-store' } });
}

/** Whether the request came over https (directly, or through a proxy that says so). */
export function isHttps(request: NextRequest): boolean {
  return isHttpsRequest(request);
}
