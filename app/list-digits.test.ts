// Numbered lists (the guide's steps, the topic lists) count in the page's own
// digits: every locale whose numbers Intl writes in another script has a
// rule in globals.css naming that script's list style — so a Nepali page
// does not number "1. 2. 3." beside "१४ दिन".
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NUMBERING_SYSTEMS, locales } from '@/lib/i18n';

const LIST_STYLE: Record<string, string> = { deva: 'devanagari', mymr: 'myanmar', beng: 'bengali', arab: 'arabic-indic', thai: 'thai', khmr: 'khmer', laoo: 'lao' };
const css = fs.readFileSync(path.join(import.meta.dirname, 'globals.css'), 'utf8');

describe('numbered lists in the locale digits', () => {
  const nonLatin = locales.filter((l) => NUMBERING_SYSTEMS[l] !== 'latn');
  it('covers the locales Intl writes in other digits (ne, my, bn today)', () => {
    expect(nonLatin).toEqual(expect.arrayContaining(['ne', 'my', 'bn']));
  });
  for (const locale of locales) {
    it(`${locale}: lists count as its numbers do`, () => {
      const rule = new RegExp(`:where\\(html\\[lang='${locale}'\\]\\) ol \\{\\s*list-style-type: ([a-z-]+);`).exec(css);
      if (NUMBERING_SYSTEMS[locale] === 'latn') expect(rule).toBeNull();
      else expect(rule?.[1]).toBe(LIST_STYLE[NUMBERING_SYSTEMS[locale]]);
    });
  }
});
