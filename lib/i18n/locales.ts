// The 20 locales of ARC Mobile (DESIGN.md "Languages"): the languages of the
// largest resident communities and of the ministry's contact centres.
export const locales = [
  'ko', 'en', 'zh-CN', 'vi', 'th', 'uz', 'ne', 'km', 'mn', 'ru',
  'tl', 'id', 'my', 'ja', 'lo', 'si', 'bn', 'kk', 'ur', 'ar',
] as const;

export type Locale = (typeof locales)[number];

export const defaultLocale: Locale = 'en';

export const rtlLocales: ReadonlySet<Locale> = new Set(['ur', 'ar']);

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

export function directionOf(locale: Locale): 'ltr' | 'rtl' {
  return rtlLocales.has(locale) ? 'rtl' : 'ltr';
}

/** Each language named in its own script, for the language switcher. */
export const endonyms: Record<Locale, string> = {
  ko: '한국어',
  en: 'English',
  'zh-CN': '简体中文',
  vi: 'Tiếng Việt',
  th: 'ไทย',
  uz: 'Oʻzbekcha',
  ne: 'नेपाली',
  km: 'ភាសាខ្មែរ',
  mn: 'Монгол',
  ru: 'Русский',
  tl: 'Tagalog',
  id: 'Bahasa Indonesia',
  my: 'မြန်မာ',
  ja: '日本語',
  lo: 'ລາວ',
  si: 'සිංහල',
  bn: 'বাংলা',
  kk: 'Қазақша',
  ur: 'اردو',
  ar: 'العربية',
};

/**
 * The script fonts a locale needs beyond the system's Latin/Cyrillic/CJK
 * fonts. Hangul, Han and Japanese use the phone's own fonts (every phone
 * sold in Korea carries them, and shipping them would cost megabytes);
 * scripts that older phones often lack come from @fontsource packages,
 * copied to /fonts by scripts/build-fonts.mjs and linked only by the
 * locales listed here.
 */
export const scriptFonts: Partial<Record<Locale, string>> = {
  th: 'thai',
  lo: 'lao',
  km: 'khmer',
  my: 'myanmar',
  si: 'sinhala',
  bn: 'bengali',
  ne: 'devanagari',
  ar: 'arabic',
  ur: 'urdu',
};
