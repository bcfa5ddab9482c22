// THE way into every server action, as app/_lib/route.ts is for route
// handlers. `formAction(spec, run)` gives the exported action:
//   - the form is the action's last argument (so it serves <form action>
//     and useActionState alike); anything that is not a FormData, or a form
//     with files or too many or too large fields, is refused, never a 500;
//   - the fields are parsed with the spec's zod schema;
//   - another site's post is refused (Sec-Fetch-Site / Origin, on top of
//     Next's own check);
//   - the staff session and role are checked when the spec names roles;
//     demo-only actions do not exist outside the demo;
//   - a failure becomes `spec.failed(failure)`: the action's own state (or
//     a redirect) with the code and its message in the reader's language,
//     logged with a request id and the code only.
// Next's redirect() and notFound() pass straight through.
import { cookies, headers } from 'next/headers';
import { unstable_rethrow } from 'next/navigation';
import type { z } from 'zod';
import { getAppContext, type AppContext } from '@/lib/context';
import { coreErrors, newRequestId, requestIdOf, toAppError, type AppError } from '@/lib/errors';
import { pickLocale, type Locale } from '@/lib/i18n';
import { authorizeStaff, type StaffPrincipal, type StaffRole } from '@/lib/staff';
import { messageForCode } from './error-message';
import { logFailure } from './route';
import { SESSION_COOKIE } from './session-cookie';

/** Marks an action made by formAction() (with its spec), so a test can prove every exported action is one. */
export const ACTION_SPEC = Symbol.for('arc-mobile.action-spec');

/** At most this many fields, each at most this long: no form of ours comes near. */
const MAX_FIELDS = 50;
const MAX_FIELD_CHARS = 4096;

export type ActionFailure = {
  code: string;
  params: AppError['params'];
  /** The message in the reader's language. */
  message: string;
  locale: Locale;
  /** The form's own fields as typed (strings only), so a page can show them again. */
  fields: Record<string, string>;
};

export type ActionContext = {
  locale: Locale;
  app: AppContext;
  staff: StaffPrincipal | undefined;
  requestId: string;
};

export type ActionSpec<S extends z.ZodType, R> = {
  /** The form's fields. */
  input: S;
  /** The staff roles allowed; absent = no staff session needed. */
  staff?: readonly StaffRole[];
  /** Only on a demo install. */
  demoOnly?: boolean;
  /** What the action answers when it fails (its state with the message, or a redirect). */
  failed: (failure: ActionFailure) => R | Promise<R>;
};

function fieldsOf(form: FormData): Record<string, string> {
  let count = 0;
  const fields: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (++count > MAX_FIELDS) throw coreErrors.create('payload_too_large');
    if (typeof value !== 'string') throw coreErrors.create('unsupported_media_type');
    if (value.length > MAX_FIELD_CHARS || key.length > 100) throw coreErrors.create('payload_too_large');
    fields[key] = value;
  }
  return fields;
}

async function crossSite(app: AppContext): Promise<boolean> {
  const h = await headers();
  const site = h.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return true;
  const origin = h.get('origin');
  if (!origin) return false;
  const host = h.get('x-forwarded-host') ?? h.get('host');
  if (host && (origin === `http://${host}` || origin === `https://${host}`)) return false;
  return !app.config.origins.includes(origin);
}

/** Wraps one server action; see the top of this file. */
export function formAction<S extends z.ZodType, R>(
  spec: ActionSpec<S, R>,
  run: (input: z.infer<S>, ctx: ActionContext) => Promise<R>,
): (...args: unknown[]) => Promise<R> {
  const wrapped = async (...args: unknown[]): Promise<R> => {
    // The server's id for this request (the same one on Next's own lines about it), else a new one.
    let requestId: string;
    try {
      requestId = requestIdOf(await headers());
    } catch {
      requestId = newRequestId();
    }
    const form = args.at(-1);
    let fields: Record<string, string> = {};
    let locale: Locale = 'en';
    try {
      locale = pickLocale(undefined, (await cookies()).get('NEXT_LOCALE')?.value, (await headers()).get('accept-language'));
      if (!(form instanceof FormData)) throw coreErrors.create('bad_request');
      fields = fieldsOf(form);
      locale = pickLocale(fields.locale, (await cookies()).get('NEXT_LOCALE')?.value, (await headers()).get('accept-language'));
      const app = await getAppContext().catch((cause: unknown) => {
        throw coreErrors.create('database_unavailable', {}, { cause });
      });
      if (await crossSite(app)) throw coreErrors.create('cross_site');
      if (spec.demoOnly && !app.demo) throw coreErrors.create('not_found');
      const staff = spec.staff ? await authorizeStaff(app.db, app.clock, app.keys, (await cookies()).get(SESSION_COOKIE.staff)?.value, spec.staff) : undefined;
      const parsed = spec.input.safeParse(fields);
      if (!parsed.success) {
        const names = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')).filter(Boolean))];
        throw coreErrors.create('invalid_input', names.length ? { fields: names.slice(0, 5).join(',') } : {});
      }
      return await run(parsed.data, { locale, app, staff, requestId });
    } catch (thrown) {
      unstable_rethrow(thrown);
      const error = toAppError(thrown);
      logFailure(requestId, 'action', thrown);
      const message = await messageForCode(locale, error.code, error.params);
      return spec.failed({ code: error.code, params: error.params, message, locale, fields });
    }
  };
  return Object.assign(wrapped, { [ACTION_SPEC]: spec });
}
