// i18n: the locales (and their direction and script fonts), formatting of
// numbers, dates and phone numbers, and locale-prefixed paths. Pure: no
// Next.js or next-intl here (their glue is the top-level i18n/ folder), so
// browser code and command-line tools use it too.
export * from './locales';
export * from './format';
export { SIX_DIGIT_CODE_PATTERN, TYPED_SEPARATORS, asciiDigits, typedCode } from './digits';
export { stripLocale } from './path';
export { acceptedLocales, localeFromAcceptLanguage, pickLocale } from './request-locale';
