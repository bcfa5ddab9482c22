// What a plain form post typed, kept for the page it goes back to after a
// failure (issue 12, point 3: "every error clears the form"). A route
// handler answers a failed form post with a 303 to its page and ?error=<code>;
// the typed values cannot ride in that URL (a registration number must never
// be in a URL), so they go in a short-lived cookie, sealed with the data key
// (AES-256-GCM, as personal data at rest), httpOnly, for that page only.
// Server actions need none of this: they render again with their state.
import { cookies } from 'next/headers';
import { getAppContext } from '@/lib/context';
import type { ErrorParams } from '@/lib/errors';
import { decryptField, encryptField, type DataKeys } from '@/lib/security';

export const FORM_FLASH_COOKIE = 'arc_form';
/** Long enough for the redirect and the page; a later visit starts empty. */
export const FORM_FLASH_MAX_AGE_S = 120;
const AAD = 'arc-mobile/form-flash/v1';
const MAX_FIELDS = 20;
const MAX_FIELD_CHARS = 200;

export type FormFlash = {
  /** The page (under the locale) the failure went back to, e.g. /enroll/chip. */
  page: string;
  code: string;
  params: ErrorParams;
  /** The fields as typed (strings only). */
  fields: Record<string, string>;
};

export function sealFormFlash(keys: DataKeys, flash: FormFlash, now: number): string {
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(flash.fields).slice(0, MAX_FIELDS)) if (typeof v === 'string' && v.length <= MAX_FIELD_CHARS) fields[k] = v;
  return encryptField(keys, JSON.stringify({ ...flash, fields, at: now }), AAD).toString('base64url');
}

/** The flash if it is ours, for this page and fresh; null otherwise (never throws). */
export function openFormFlash(keys: DataKeys, sealed: string | undefined, page: string, now: number): FormFlash | null {
  if (!sealed) return null;
  try {
    const value = JSON.parse(decryptField(keys, Buffer.from(sealed, 'base64url'), AAD)) as FormFlash & { at: number };
    if (value.page !== page || !(now - value.at >= 0 && now - value.at <= FORM_FLASH_MAX_AGE_S * 1000)) return null;
    return { page: value.page, code: value.code, params: value.params ?? {}, fields: value.fields ?? {} };
  } catch {
    return null;
  }
}

/** For a page: what its form post typed before it failed with `code`, if that is why the page is shown. */
export async function readFormFlash(page: string, code: string | null | undefined): Promise<FormFlash | null> {
  if (!code) return null;
  const sealed = (await cookies()).get(FORM_FLASH_COOKIE)?.value;
  if (!sealed) return null;
  const { keys } = await getAppContext();
  const flash = openFormFlash(keys, sealed, page, Date.now());
  return flash && flash.code === code ? flash : null;
}

/** The fields a failure names (invalid_input's "fields" param), each with its own error code when the failure gave one. */
export function invalidFields(flash: Pick<FormFlash, 'code' | 'params'> | null): Record<string, string | null> {
  if (!flash || typeof flash.params.fields !== 'string') return {};
  const out: Record<string, string | null> = {};
  for (const name of flash.params.fields.split(',')) {
    const code = flash.params[`${name}Code`];
    out[name] = typeof code === 'string' ? code : null;
  }
  return out;
}
