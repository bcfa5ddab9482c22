// The browser's check of a detail's form (the `pattern` a page gives its
// field) takes what the server's check takes: a resident whose keyboard
// writes full-width digits or another dash is not stopped before sending,
// and nothing the browser lets through is a form the server refuses.
import { describe, expect, it } from 'vitest';
import { CARD_SERIAL_PATTERN, REGISTRATION_NUMBER_PATTERN, checkLossDetails } from './details';

// As a browser compiles a pattern attribute: the whole value, with the v flag.
const matches = (pattern: string, value: string) => new RegExp(`^(?:${pattern})$`, 'v').test(value);
const formErrors = (details: { registrationNumber?: string; cardSerial?: string }) => {
  const checked = checkLossDetails({ registrationNumber: '960412-6123456', cardSerial: 'IC123456789', birthDate: '1996-04-12', ...details }, '2026-12-01');
  return checked.ok ? {} : checked.errors;
};

const NUMBERS = [
  '960412-6123456', '9604126123456', ' 960412 6123456 ', '960412 - 6123456', '960412‐6123456', '960412−6123456',
  '９６０４１２－６１２３４５６', '９６０４１２６１２３４５６', '९६०४१२-६१२३४५६', '٩٦٠٤١٢-٦١٢٣٤٥٦', '96.04.12-6123456', '\u2066960412-6123456\u2069',
  '12345678', '960412-612345', '960412-61234567', '960412/6123456', 'abc', '', '960412-612345a',
];
const SERIALS = [
  'IC123456789', 'ic123456789', 'IC 1234 5678 9', 'IC-123456789', 'ＩＣ１２３４５６７８９', 'ｉｃ１２３４５６７８９', 'IC１２３４５６７８９', ' IC123456789 ',
  'IC12', '1C123456789', 'IC1234567890123456789', 'IC_123456', 'I', '', 'IC.123456789',
];

describe('the form of a registration number and a card serial, in the browser and on the server', () => {
  it.each(NUMBERS)('registration number %j: the browser sends it exactly when the server reads its form', (value) => {
    // (A number of the right form may still be no date — 991399-… — which the server says after sending.)
    const error = formErrors({ registrationNumber: value }).registrationNumber;
    const serverTakes = !error || error.endsWith('registration_number_invalid');
    expect(matches(REGISTRATION_NUMBER_PATTERN, value)).toBe(serverTakes);
  });

  it.each(SERIALS)('card serial %j: the browser sends it exactly when the server reads its form', (value) => {
    const serverTakes = formErrors({ cardSerial: value }).cardSerial === undefined;
    expect(matches(CARD_SERIAL_PATTERN, value)).toBe(serverTakes);
  });

  it('takes what a Japanese or Chinese keyboard writes', () => {
    expect(matches(REGISTRATION_NUMBER_PATTERN, '８６０９０４－５２６７０１６')).toBe(true);
    expect(matches(CARD_SERIAL_PATTERN, 'ＩＣ１４３１２９６６９')).toBe(true);
  });
});
