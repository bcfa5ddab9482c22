// The same page in every language, for <link rel="alternate" hreflang>:
// absolute addresses (search engines and Lighthouse ignore relative ones),
// on the app's first configured origin.
import { readConfig } from '@/lib/config';
import { routing } from '@/i18n/routing';

export function languageAlternates(pathAfterLocale: string): { languages: Record<string, string> } {
  const origin = readConfig().origins[0] ?? '';
  return { languages: Object.fromEntries(routing.locales.map((l) => [l, `${origin}/${l}${pathAfterLocale}`])) };
}
