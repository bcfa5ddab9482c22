// One typed error for the whole app: a stable code that maps to an HTTP
// status and to a message key under "errors" in messages/<locale>.json.
// Core codes live here; each capability declares its own with defineErrors,
// namespaced by the capability ("enrollment.sms_code_wrong" → message key
// "errors.enrollment.sms_code_wrong"). defineErrors yields the literal union
// of its codes, so a page switches on typed codes, never on loose strings.

export type ErrorParams = Record<string, string | number>;

export class AppError<C extends string = string> extends Error {
  constructor(
    /** Stable code, e.g. "not_found" or "enrollment.sms_code_wrong". */
    readonly code: C,
    /** The HTTP status a route answers with. */
    readonly status: number,
    /** Values for the message's ICU placeholders; never personal data. */
    readonly params: ErrorParams = {},
    options?: { cause?: unknown },
  ) {
    super(code, options);
    this.name = 'AppError';
  }

  /** The key in the message files, e.g. "errors.enrollment.sms_code_wrong". */
  get messageKey(): `errors.${C}` {
    return `errors.${this.code}`;
  }

  toJSON() {
    return { code: this.code, params: this.params };
  }
}

/** Every code declared anywhere, for the test that checks each has a message. */
export const declaredErrorCodes = new Map<string, number>();

type Qualified<N extends string | null, K extends string> = N extends string ? `${N}.${K}` : K;

/** The union of the codes an errors object (from defineErrors) declares. */
export type CodeOf<E> = E extends { readonly codes: readonly (infer C)[] } ? C : never;

export type ErrorSet<N extends string | null, T extends Record<string, number>> = {
  /** Every qualified code of this set, e.g. ["enrollment.expired", …]. */
  readonly codes: readonly Qualified<N, keyof T & string>[];
  /** The qualified code of a short one: errors.code('expired') → "enrollment.expired". */
  code<K extends keyof T & string>(code: K): Qualified<N, K>;
  create<K extends keyof T & string>(code: K, params?: ErrorParams, options?: { cause?: unknown }): AppError<Qualified<N, K>>;
  is<K extends keyof T & string>(error: unknown, code: K): error is AppError<Qualified<N, K>>;
  /** Whether an error is any of this set's. */
  owns(error: unknown): error is AppError<Qualified<N, keyof T & string>>;
};

/**
 * Declares a capability's error codes and their statuses.
 *   const errors = defineErrors('enrollment', { sms_code_wrong: 400 });
 *   throw errors.create('sms_code_wrong', { triesLeft: 2 });
 *   type EnrollmentErrorCode = CodeOf<typeof errors>;   // "enrollment.sms_code_wrong"
 */
export function defineErrors<const N extends string | null, const T extends Record<string, number>>(
  namespace: N,
  statuses: T,
): ErrorSet<N, T> {
  type K = keyof T & string;
  const qualify = <C extends K>(code: C) => (namespace ? `${namespace}.${code}` : code) as Qualified<N, C>;
  const codes = Object.keys(statuses).map((c) => qualify(c as K));
  for (const code of Object.keys(statuses)) declaredErrorCodes.set(qualify(code as K), statuses[code]!);
  const own = new Set<string>(codes);
  return {
    codes,
    code: qualify,
    create(code, params = {}, options) {
      return new AppError(qualify(code), statuses[code]!, params, options);
    },
    is(error, code): error is AppError<Qualified<N, typeof code>> {
      return error instanceof AppError && error.code === qualify(code);
    },
    owns(error): error is AppError<Qualified<N, K>> {
      return error instanceof AppError && own.has(error.code);
    },
  };
}

export const coreErrors = defineErrors(null, {
  bad_request: 400,
  invalid_input: 400,
  not_found: 404,
  method_not_allowed: 405,
  unauthorized: 401,
  forbidden: 403,
  /** A state-changing request sent by another site (Origin / Sec-Fetch-Site). */
  cross_site: 403,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  database_unavailable: 503,
  internal: 500,
});

export type CoreErrorCode = CodeOf<typeof coreErrors>;

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** Anything thrown, as an AppError: unknown failures become `internal`. */
export function toAppError(value: unknown): AppError {
  if (isAppError(value)) return value;
  // A database too busy to answer in time is not a fault of the request nor of the code:
  // 503, try again (under a burst the pool's waiting connections time out).
  if (isDatabaseBusy(value)) return coreErrors.create('database_unavailable', {}, { cause: value });
  return coreErrors.create('internal', {}, { cause: value });
}

/** SQLSTATEs of a database that is overloaded or shedding work, not of a wrong query. */
const BUSY_STATES = new Set(['53300', '53400', '57P03', '55P03', '57014']);

/** node-postgres's pool gave no connection in time, or the server is refusing or cancelling for load. */
export function isDatabaseBusy(error: unknown): boolean {
  return causeChain(error).some((e) => {
    const code = (e as { code?: unknown })?.code;
    if (typeof code === 'string' && BUSY_STATES.has(code)) return true;
    const message = e instanceof Error ? e.message : '';
    return /timeout exceeded when trying to connect|Connection terminated due to connection timeout/.test(message);
  });
}

// ---- logging
// What a failure may say in a log line: its code, the class of what was
// thrown and, for the database, its SQLSTATE — never a message, because
// drivers put the SQL text and its parameters (names, registration numbers)
// into their messages.

export type LoggedFailure = { code: string; status: number; cause?: string; sqlState?: string };

function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

/** A log-safe description of anything thrown. */
export function describeForLog(error: unknown): LoggedFailure {
  const app = error instanceof AppError ? error : null;
  const out: LoggedFailure = { code: app?.code ?? 'internal', status: app?.status ?? 500 };
  for (const link of causeChain(app ? app.cause : error)) {
    const name = (link as { constructor?: { name?: string } })?.constructor?.name;
    if (name && !out.cause) out.cause = name;
    const state = (link as { code?: unknown }).code;
    if (typeof state === 'string' && /^[0-9A-Z]{5}$/.test(state)) {
      out.sqlState = state;
      break;
    }
  }
  return out;
}

/**
 * The header by which the production server (scripts/request-log.ts) hands
 * each request its id, so that every log line about one request carries the
 * same one. The server overwrites whatever a client sent under this name.
 */
export const REQUEST_ID_HEADER = 'x-arc-request-id';

/** A new request id: 16 hex characters. */
export function newRequestId(): string {
  return crypto.randomUUID().replace(/-/g, '').slice(0, 16);
}

/** The id the server gave this request (REQUEST_ID_HEADER), else a new one (tests, `next dev`). */
export function requestIdOf(headers: { get(name: string): string | null } | undefined): string {
  const given = headers?.get(REQUEST_ID_HEADER);
  return given && /^[0-9a-f]{16}$/.test(given) ? given : newRequestId();
}
