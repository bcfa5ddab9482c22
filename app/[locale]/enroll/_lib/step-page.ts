// Server-side plumbing of the enrollment pages: which step a requested page
// may show (lib/enrollment's step graph decides; we redirect), the strings,
// and the error a form post came back with.
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { messageForCode } from '@/app/_lib/error-message';
import { pageAppContext } from '@/app/_lib/page-context';
import { decideStepPage, ENROLLMENT_COOKIE, type EnrollmentPath, type EnrollmentView, type StepName } from '@/lib/enrollment';
import type { ErrorParams } from '@/lib/errors';
import type { Locale } from '@/lib/i18n';

/** next-intl's t, for keys made at run time. */
export type Translate = ((key: string, values?: Record<string, string | number>) => string) & { has(key: string): boolean };

export async function enrollStrings(locale: Locale): Promise<Translate> {
  return (await getTranslations({ locale, namespace: 'enroll' })) as unknown as Translate;
}

/** The view of this browser's enrollment for a step page, or a redirect to the step it is really on. */
export async function stepPage(locale: Locale, requested: StepName, entryPath?: EnrollmentPath): Promise<EnrollmentView | null> {
  setRequestLocale(locale);
  const token = (await cookies()).get(ENROLLMENT_COOKIE)?.value;
  const { db, clock, keys } = await pageAppContext();
  const decision = await decideStepPage({ db, clock, keys }, token, requested, entryPath);
  if (decision.kind === 'redirect') redirect(`/${locale}${decision.to}`);
  return decision.view;
}

/** The error a form post was sent back with (?error=<code>&<params>), as a localized message. */
export async function formError(locale: Locale, searchParams: Record<string, string | string[] | undefined>): Promise<string | null> {
  const code = typeof searchParams.error === 'string' ? searchParams.error : null;
  if (!code || !/^[a-z0-9_.]{1,60}$/.test(code)) return null;
  const params: ErrorParams = {};
  for (const [k, v] of Object.entries(searchParams)) {
    if (k !== 'error' && typeof v === 'string' && /^[\w-]{1,20}$/.test(v)) params[k] = /^\d+$/.test(v) ? Number(v) : v;
  }
  return messageForCode(locale, code, params);
}
