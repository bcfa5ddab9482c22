// Guide messages with their values filled in for the reader's locale
// (numbers, the won amount and the date formatted for it; phone numbers
// marked to become links, see phone-text.tsx).
import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/lib/i18n';
import { guideValues, type GuideValues } from '@/lib/guidance';
import { phoneTokens } from './phone-text';

export { PhoneLink, Rich } from './phone-text';

type Translate = (key: string, values?: Record<string, string | number>) => string;

export type GuideText = {
  locale: Locale;
  values: GuideValues;
  /** A message as plain text (titles, alt text, metadata, button labels). */
  plain: Translate;
  /** A message for <Rich>: phone numbers marked to become links. */
  rich: Translate;
};

/** Messages of one namespace for a locale, with the guide's values. */
export async function guideText(locale: Locale, namespace: 'guide' | 'eligibility' = 'guide'): Promise<GuideText> {
  const t = await getTranslations({ locale, namespace });
  // Keys are built from the topic registry, so they are checked by the
  // journeys and the message tests rather than by the compiler.
  const translate = t as unknown as Translate;
  const values = guideValues(locale);
  return {
    locale,
    values,
    plain: (key, extra) => translate(key, { ...values, ...extra }),
    rich: (key, extra) => translate(key, { ...values, ...phoneTokens, ...extra }),
  };
}
