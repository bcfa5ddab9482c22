// One rule for digits, in every locale (issue 12, point 2): every message that
// carries a number is rendered with sample numbers, and the digits a reader
// sees must all be the locale's own (its CLDR default numbering system, as
// NUMBERING_SYSTEMS says). Identifiers a person types or reads to staff
// (1345, registration numbers, serials, visa types such as F-4, paper sizes)
// keep Latin digits; they are marked below and left out of the check.
import fs from 'node:fs';
import path from 'node:path';
import IntlMessageFormat from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { digitSystemsIn, NUMBERING_SYSTEMS } from './format';
import { summarizeIcu } from './icu-arguments';
import { locales, type Locale } from './locales';

const root = path.resolve(import.meta.dirname, '..', '..');

function flatten(value: unknown, prefix = '', into = new Map<string, string>()): Map<string, string> {
  if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, into);
  else if (typeof value === 'string') into.set(prefix, value);
  return into;
}

const read = (locale: Locale) => flatten(JSON.parse(fs.readFileSync(path.join(root, 'messages', `${locale}.json`), 'utf8')));

/**
 * Latin-digit identifiers that stay Latin in every script: the contact centre
 * 1345 and other service numbers, a registration number or card serial given
 * as an example, visa types (F-4, E-9), A4 paper, the 3.5 × 4.5 cm photo is
 * NOT one (a measure: it follows the locale).
 */
const IDENTIFIER = /\b(?:1345|112|119|1577-?\d{4}|\d{6}-?\d{7}|[A-Z]{2}\d{9}|[A-Z]-\d{1,2}|A4|010-\d{4}-\d{4})\b/g;
/** What the test passes for a plain {argument}: an identifier or text the code formats itself, so not looked at. */
const MARK = '⟦x⟧';

/** Arguments that are always a count: they must be {name, number} (or plural), never a plain {name} that shows raw digits. */
const COUNT_ARGUMENTS = new Set(['minutes', 'seconds', 'triesLeft', 'days', 'max', 'current', 'total', 'booked', 'capacity']);

function sample(locale: Locale, message: string): string {
  const values: Record<string, unknown> = {};
  for (const a of summarizeIcu(message).arguments) {
    if (a.type === 'number' || a.type === 'plural' || a.type === 'selectordinal') values[a.name] = a.name === 'low' || a.name === 'high' ? 12.5 : 1345;
    else if (a.type === 'date' || a.type === 'time') values[a.name] = new Date('2026-12-26T21:05:09Z');
    else if (a.type === 'select') values[a.name] = 'other';
    else values[a.name] = MARK;
  }
  const tags = Object.fromEntries(summarizeIcu(message).tags.map((t) => [t, (chunks: string[]) => chunks.join('')]));
  const formatted = new IntlMessageFormat(message, locale, undefined, { ignoreTag: false }).format({ ...values, ...tags, timeZone: 'Asia/Seoul' });
  return (Array.isArray(formatted) ? formatted.join('') : String(formatted)).replaceAll(MARK, '');
}

describe('numbers in messages', () => {
  it.each(locales)('%s: every number a reader sees is in the locale’s own digits', (locale) => {
    const problems: string[] = [];
    for (const [key, message] of read(locale)) {
      if (!/\d|\{/.test(message)) continue;
      let text: string;
      try {
        text = sample(locale, message);
      } catch (error) {
        problems.push(`${key}: does not format: ${(error as Error).message}`);
        continue;
      }
      // A street address's building number is an identifier too (typed into a map app): Latin, in every script.
      const readable = key.endsWith('.address') ? text.replace(/^\d+(?:-\d+)? /, '') : text;
      const systems = digitSystemsIn(readable.replace(IDENTIFIER, ''));
      const foreign = systems.filter((s) => s !== NUMBERING_SYSTEMS[locale]);
      if (foreign.length) problems.push(`${key}: ${foreign.join(',')} digits in "${text}"`);
    }
    expect(problems).toEqual([]);
  });

  it('keeps street addresses’ building numbers in Latin digits, in every locale', () => {
    const local: string[] = [];
    for (const locale of locales) {
      for (const [key, message] of read(locale)) {
        if (key.endsWith('.address') && /^\p{Nd}/u.test(message) && !/^[0-9]/.test(message)) local.push(`${locale} ${key}: ${message}`);
      }
    }
    expect(local).toEqual([]);
  });

  it('writes counts as {name, number}, so they follow the locale (a plain {minutes} shows Latin digits in Nepali)', () => {
    const plain: string[] = [];
    for (const [key, message] of read('en')) {
      for (const a of summarizeIcu(message).arguments) if (a.type === '' && COUNT_ARGUMENTS.has(a.name)) plain.push(`${key}: {${a.name}}`);
    }
    expect(plain).toEqual([]);
  });

  it('catches a mixed message', () => {
    expect(digitSystemsIn(sample('ne', '{current} मध्ये चरण {total, number}').replace(IDENTIFIER, ''))).toEqual(['deva']);
    const mixed = new IntlMessageFormat('बाँकी प्रयास: {n} · {m, number} पटक', 'ne').format({ n: 4, m: 5 }) as string;
    expect(digitSystemsIn(mixed)).toEqual(['deva', 'latn']);
  });
});
