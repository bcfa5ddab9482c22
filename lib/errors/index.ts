// One typed error for the whole app: a stable code that maps to an HTTP
// status and to a message key under "errors" in messages/<locale>.json.
// Core codes live here; each capability declares its own with defineErrors,
// namespaced by the capability ("enrollment.sms_code_wrong" → message key
// "errors.enrollment.sms_code_wrong").

export type ErrorParams = Record<string, string | number>;

export class AppError extends Error {
  constructor(
    /** Stable code, e.g. "not_found" or "enrollment.sms_code_wrong". */
    readonly code: string,
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
  get messageKey(): string {
    return `errors.${this.code}`;
  }

  toJSON() {
    return { code: this.code, params: this.params };
  }
}

/** Every code declared anywhere, for the test that checks each has a message. */
export const declaredErrorCodes = new Map<string, number>();

/**
 * Declares a capability's error codes and their statuses.
 *   const errors = defineErrors('enrollment', { sms_code_wrong: 400 });
 *   throw errors.create('sms_code_wrong', { triesLeft: 2 });
 */
export function defineErrors<const T extends Record<string, number>>(namespace: string | null, statuses: T) {
  const qualify = (code: keyof T & string) => (namespace ? `${namespace}.${code}` : code);
  for (const [code, status] of Object.entries(statuses)) declaredErrorCodes.set(qualify(code), status);
  return {
    create(code: keyof T & string, params: ErrorParams = {}, options?: { cause?: unknown }): AppError {
      return new AppError(qualify(code), statuses[code]!, params, options);
    },
    is(error: unknown, code: keyof T & string): error is AppError {
      return error instanceof AppError && error.code === qualify(code);
    },
  };
}

export const coreErrors = defineErrors(null, {
  bad_request: 400,
  invalid_input: 400,
  not_found: 404,
  unauthorized: 401,
  forbidden: 403,
  conflict: 409,
  rate_limited: 429,
  database_unavailable: 503,
  internal: 500,
});

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** Anything thrown, as an AppError: unknown failures become `internal`. */
export function toAppError(value: unknown): AppError {
  if (isAppError(value)) return value;
  return coreErrors.create('internal', {}, { cause: value });
}
