// The translations are complete and safe to format: every locale has exactly
// English's keys, the same ICU arguments and rich-text tags, no English left
// behind (outside the allow-list), and every declared error code has a
// message. Works for any namespace, nested ones included.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { declaredErrorCodes } from '@/lib/errors';
import { argumentNames, summarizeIcu, tagNames } from './icu-arguments';
import { englishAllowList, sameAsEnglishKeys, withoutAllowedTerms } from './english-allow-list';
import { locales, type Locale } from './locales';

const root = path.resolve(import.meta.dirname, '..', '..');
// ARC_MESSAGES_DIR points the checks at a copy, e.g. to try a change before writing it.
const messagesDir = process.env.ARC_MESSAGES_DIR ?? path.join(root, 'messages');

/** Locales written in a script other than Latin: any Latin word there is English left behind. */
const nonLatinLocales: readonly Locale[] = [
  'ko', 'zh-CN', 'th', 'ne', 'km', 'mn', 'ru', 'my', 'ja', 'lo', 'si', 'bn', 'kk', 'ur', 'ar',
];
const latinLocales = locales.filter((l) => l !== 'en' && !nonLatinLocales.includes(l));

/**
 * English function words that no Latin-script locale of ours (vi, uz, tl, id)
 * uses, even where it borrows English nouns: finding one means a phrase was
 * left in English.
 */
const englishOnlyWords = new Set([
  'the', 'your', 'you', 'please', 'with', 'this', 'and', 'not', 'are', 'our', 'here', 'what', 'when', 'again', 'try',
]);

/** Locales whose long or month-and-year dates (the ones messages name {date}, {from}, {to}) end in a full stop: ru "г.". */
const datesEndInFullStop = new Set(
  locales.filter((locale) =>
    [{ dateStyle: 'long' }, { year: 'numeric', month: 'long' }].some((options) =>
      new Intl.DateTimeFormat(locale, { timeZone: 'Asia/Seoul', ...(options as Intl.DateTimeFormatOptions) }).format(new Date()).endsWith('.'),
    ),
  ),
);

type Flat = Map<string, unknown>;

function flatten(value: unknown, prefix = '', into: Flat = new Map()): Flat {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, into);
  } else {
    into.set(prefix, value);
  }
  return into;
}

function readLocale(locale: string): Flat {
  const file = path.join(messagesDir, `${locale}.json`);
  return flatten(JSON.parse(fs.readFileSync(file, 'utf8')));
}

const english = readLocale('en');
const englishStrings = new Map([...english].filter((e): e is [string, string] => typeof e[1] === 'string'));
const namespaces = [...new Set([...english.keys()].map((k) => k.split('.')[0]!))].sort();

function stringsOf(messages: Flat): [string, string][] {
  return [...messages].filter((e): e is [string, string] => typeof e[1] === 'string');
}

/** Problems with a locale's messages, each naming the locale and the key. */
function problemsIn(locale: Locale, messages: Flat): string[] {
  const problems: string[] = [];
  for (const key of englishStrings.keys()) {
    if (!messages.has(key)) problems.push(`${locale}: missing key ${key}`);
  }
  for (const [key, value] of messages) {
    if (!english.has(key)) problems.push(`${locale}: extra key ${key}`);
    else if (typeof value !== 'string') problems.push(`${locale}: ${key} is not a string`);
    else if (value.trim() === '') problems.push(`${locale}: ${key} is empty`);
  }

  for (const [key, value] of stringsOf(messages)) {
    const source = englishStrings.get(key);
    if (source === undefined) continue;
    let summary;
    try {
      summary = summarizeIcu(value);
    } catch (error) {
      problems.push(`${locale}: ${key} does not parse: ${(error as Error).message}`);
      continue;
    }
    if (locale === 'en') continue;

    let sourceArgs: string[], sourceTags: string[];
    try {
      sourceArgs = argumentNames(source);
      sourceTags = tagNames(source);
    } catch {
      continue; // reported under en
    }
    const args = [...new Set(summary.arguments.map((a) => a.name))].sort();
    if (args.join() !== sourceArgs.join()) {
      problems.push(`${locale}: ${key} has arguments {${args.join('}, {')}} but English has {${sourceArgs.join('}, {')}}`);
    }
    const tags = summary.tags.sort();
    if (tags.join() !== sourceTags.join()) {
      problems.push(`${locale}: ${key} has tags <${tags.join('>, <')}> but English has <${sourceTags.join('>, <')}>`);
    }

    const readable = withoutAllowedTerms(summary.text, locale);
    if (value === source) {
      const allowedKey = sameAsEnglishKeys.some((e) => e.key === key && (!e.locales || e.locales.includes(locale)));
      if (!allowedKey && /\p{L}/u.test(readable)) problems.push(`${locale}: ${key} is still in English: "${value}"`);
    }
    if (nonLatinLocales.includes(locale)) {
      const latinWords = readable.match(/\p{Script=Latin}+/gu);
      if (latinWords) {
        problems.push(`${locale}: ${key} has Latin-letter words not on the allow-list: ${[...new Set(latinWords)].join(', ')}`);
      }
    } else if (latinLocales.includes(locale)) {
      const words = (readable.toLowerCase().match(/\p{L}+/gu) ?? []).filter((w) => englishOnlyWords.has(w));
      if (words.length) problems.push(`${locale}: ${key} has English words: ${[...new Set(words)].join(', ')}`);
    }
    // A locale whose dates end in a full stop ("4 декабря 2026 г."): no second one after a date ("г..").
    if (datesEndInFullStop.has(locale) && /\{(date|from|to|until)\}\./.test(value)) {
      problems.push(`${locale}: ${key} puts a full stop after a date that ends in one: "${value}"`);
    }
  }
  return problems;
}

describe('message files', () => {
  it('exist for every locale and no other', () => {
    const files = fs.readdirSync(messagesDir).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
    expect(files.sort()).toEqual([...locales].sort());
  });

  it('hold only strings in English, each a message that formats', () => {
    expect(problemsIn('en', english)).toEqual([]);
  });

  it.each(locales.filter((l) => l !== 'en'))('%s: same keys, arguments and tags as English, and no English left', (locale) => {
    expect(problemsIn(locale, readLocale(locale))).toEqual([]);
  });

  it('are checked across every namespace', () => {
    // Prints which namespaces this run covered; fails only if en.json is empty.
    console.info(`i18n: checked namespaces ${namespaces.join(', ')} (${englishStrings.size} keys × ${locales.length} locales)`);
    expect(namespaces.length).toBeGreaterThan(0);
  });
});

describe('the checks themselves', () => {
  const ko = readLocale('ko');
  // A key with English words and without arguments or tags, so that replacing its text changes nothing else.
  const someKey = [...englishStrings].find(
    ([k, v]) => ko.has(k) && !/[{<]/.test(v) && /\p{L}/u.test(withoutAllowedTerms(v, 'ko')),
  )![0];

  it('name the locale and key of a missing or extra key', () => {
    const messages = new Map(ko);
    messages.delete(someKey);
    messages.set('shell.noSuchKey', '없는 키');
    expect(problemsIn('ko', messages)).toEqual(
      expect.arrayContaining([`ko: missing key ${someKey}`, 'ko: extra key shell.noSuchKey']),
    );
  });

  it('catch a placeholder that differs from English, inside plurals too', () => {
    const key = [...englishStrings].find(([, v]) => argumentNames(v).length > 0)?.[0];
    expect(key, 'en.json has a message with an argument').toBeDefined();
    const messages = new Map(ko).set(key!, '{phon} 번호');
    expect(problemsIn('ko', messages).join('\n')).toContain(`ko: ${key} has arguments {phon} but English has {`);
    expect(argumentNames('{count, plural, one {# day left for {name}} other {# days}}')).toEqual(['count', 'name']);
    expect(argumentNames("It''s '{literal}' {n, number} {d, date, short} {g, select, female {a} other {b}}")).toEqual([
      'd', 'g', 'n',
    ]);
  });

  it('catch unbalanced or mismatched rich-text tags', () => {
    expect(() => summarizeIcu('Read <b>this</b> and <link>that</link>')).not.toThrow();
    expect(tagNames('Read <b>this</b> and <link>that</link>')).toEqual(['b', 'link']);
    expect(() => summarizeIcu('Read <b>this')).toThrow(/never closed/);
    expect(() => summarizeIcu('Read <b>this</link>')).toThrow(/closed by/);
    expect(() => summarizeIcu('Read this</b>')).toThrow(/closing tag/);
    expect(() => summarizeIcu('{n, plural, one {<b>one} other {many</b>}}')).toThrow();
    expect(() => summarizeIcu('Say {name')).toThrow(/matching/);
    expect(() => summarizeIcu('{n, plural, one {#}}')).toThrow(/other/);
    const messages = new Map(ko).set(someKey, '<b>굵게');
    expect(problemsIn('ko', messages).join('\n')).toContain(`ko: ${someKey} does not parse`);
  });

  it('catch English left in a locale, and allow only listed terms', () => {
    const messages = new Map(ko).set(someKey, englishStrings.get(someKey)!);
    expect(problemsIn('ko', messages).join('\n')).toContain(`ko: ${someKey} is still in English`);
    const mixed = new Map(ko).set(someKey, 'ARC Mobile에서 QR 코드와 IC 카드, E-9 체류자격을 확인하세요');
    expect(problemsIn('ko', mixed).filter((p) => p.startsWith(`ko: ${someKey} `))).toEqual([]);
    const leftover = new Map(ko).set(someKey, 'ARC Mobile에서 passkey를 만드세요');
    expect(problemsIn('ko', leftover).join('\n')).toContain('Latin-letter words not on the allow-list: passkey');
    const vi = new Map(readLocale('vi')).set(someKey, 'Vui lòng try again');
    expect(problemsIn('vi', vi).join('\n')).toContain('English words: try, again');
  });

  it('give every allow-list entry a reason', () => {
    for (const entry of englishAllowList) expect(entry.reason.length, entry.term).toBeGreaterThan(20);
    for (const entry of sameAsEnglishKeys) expect(entry.reason.length, entry.key).toBeGreaterThan(20);
  });
});

/** lib/ files that declare error codes with defineErrors. */
function errorDeclaringModules(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        if (/\bdefineErrors\(\s*(?:null|['"`])/.test(fs.readFileSync(file, 'utf8'))) found.push(file);
      }
    }
  };
  walk(path.join(root, 'lib'));
  return found.sort();
}

describe('error messages', () => {
  it('exist in English for every error code declared with defineErrors', async () => {
    const modules = errorDeclaringModules();
    expect(modules.map((m) => path.relative(root, m))).toContain(path.join('lib', 'errors', 'index.ts'));
    for (const file of modules) await import(pathToFileURL(file).href);
    expect(declaredErrorCodes.size).toBeGreaterThan(0);
    const missing = [...declaredErrorCodes.keys()].filter((code) => !englishStrings.has(`errors.${code}`));
    expect(missing.map((code) => `en: no message errors.${code}`)).toEqual([]);
  });
});
