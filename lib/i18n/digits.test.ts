import { describe, expect, it } from 'vitest';
import { SIX_DIGIT_CODE_PATTERN, asciiDigits, typedCode } from './digits';

describe('asciiDigits: what a resident types, read back', () => {
  it.each([
    ['ar', '٠١٢٣٤٥٦٧٨٩'],
    ['ur', '۰۱۲۳۴۵۶۷۸۹'],
    ['ne', '०१२३४५६७८९'],
    ['bn', '০১২৩৪৫৬৭৮৯'],
    ['si', '෦෧෨෩෪෫෬෭෮෯'],
    ['th', '๐๑๒๓๔๕๖๗๘๙'],
    ['lo', '໐໑໒໓໔໕໖໗໘໙'],
    ['my', '၀၁၂၃၄၅၆၇၈၉'],
    ['km', '០១២៣៤៥៦៧៨៩'],
    ['mn', '᠐᠑᠒᠓᠔᠕᠖᠗᠘᠙'],
    ['zh, ja (full width)', '０１２３４５６７８９'],
  ])('%s digits become 0-9', (_, digits) => {
    expect(asciiDigits(digits)).toBe('0123456789');
  });

  it('keeps letters and other text; drops direction marks; makes the Unicode dashes ASCII', () => {
    expect(asciiDigits('IC१२३')).toBe('IC123');
    expect(asciiDigits('नेपाल')).toBe('नेपाल');
    expect(asciiDigits('\u2068960412\u2013612\u200f3456\u2069')).toBe('960412-6123456');
    expect(asciiDigits('ＡＢ')).toBe('AB');
  });

  it('a typed code loses its spaces and dashes', () => {
    expect(typedCode(' ၁၂၃ ၄၅၆ ')).toBe('123456');
    expect(typedCode('123-456')).toBe('123456');
    expect(typedCode('12a456')).toBe('12a456');
  });

  it('the browser lets a code through (its pattern) exactly when it reads as six digits', () => {
    const browserSends = (value: string) => new RegExp(`^(?:${SIX_DIGIT_CODE_PATTERN})$`, 'v').test(value);
    for (const value of ['123456', '123 456', '109-906', '109  906', '１０９９０６', '१२३ ४५६', ' 123456 ', '109－906', '12345', '1234567', '12a456', '123_456', '']) {
      expect(browserSends(value), value).toBe(/^\d{6}$/.test(typedCode(value)));
    }
  });
});
