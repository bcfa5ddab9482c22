// Loss report references, e.g. "L-7K3P-9QX2": what the resident is given
// and reads to staff. Random (nothing in it says who, when, or whether the
// details matched), from an alphabet without 0/O, 1/I/L, so it reads aloud
// and types back without mistakes.
import { randomInt } from 'node:crypto';
import { asciiDigits } from '@/lib/i18n';

export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const REFERENCE_PATTERN = /^L-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/;

export function newReference(): string {
  const pick = () => Array.from({ length: 4 }, () => REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)]).join('');
  return `L-${pick()}-${pick()}`;
}

/** A reference as a person may type it back (lower case, spaces, no dashes), or null. */
export function normaliseReference(text: unknown): string | null {
  if (typeof text !== 'string' || text.length > 40) return null;
  const compact = asciiDigits(text).toUpperCase().replace(/[\s-]/g, '');
  const body = compact.startsWith('L') ? compact.slice(1) : compact;
  if (body.length !== 8) return null;
  const reference = `L-${body.slice(0, 4)}-${body.slice(4)}`;
  return REFERENCE_PATTERN.test(reference) ? reference : null;
}
