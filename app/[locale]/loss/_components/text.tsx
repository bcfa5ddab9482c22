// The loss pages' shared pieces: their strings, identifiers shown left to
// right inside translated text (an example number, a reference), and the
// button that calls the contact centre.
import { Fragment, type ReactNode } from 'react';
import { getTranslations } from 'next-intl/server';
import { phoneNumbers } from '@/lib/guidance';
import { koreanPhoneHref, type Locale } from '@/lib/i18n';
import { phoneTokens, Rich } from '../../guide/_components/phone-text';

export { Rich };

export type Translate = ((key: string, values?: Record<string, string | number>) => string) & { has(key: string): boolean };

/**
 * next-intl's getTranslations for a namespace named at run time: the message
 * catalogue has grown past what TypeScript can check key by key, so these
 * pages take an untyped translator (the i18n test checks every key exists).
 */
export const translations = getTranslations as unknown as (options: { locale: Locale; namespace: string }) => Promise<Translate>;

/** loss.* with {phone} marked for <Rich> (a tel: link, left to right). */
export async function lossText(locale: Locale): Promise<Translate> {
  const t = await translations({ locale, namespace: 'loss' });
  const translate = ((key: string, values?: Record<string, string | number>) => t(key, { phone: phoneTokens.phone, ...values })) as Translate;
  translate.has = (key) => t.has(key);
  return translate;
}

const MARK = '\uE002';

/** A message with one identifier (an example number, a reference) isolated left to right where its {placeholder} was. */
export function withLtr(format: (mark: string) => string, value: string, className?: string): ReactNode {
  const parts = format(MARK).split(MARK);
  return parts.map((part, i) => (
    <Fragment key={i}>
      {i > 0 ? (
        <bdi dir="ltr" className={className ?? 'identifier'}>
          {value}
        </bdi>
      ) : null}
      {part}
    </Fragment>
  ));
}

export const CONTACT_CENTER = phoneNumbers.phone;

/** A button that dials the contact centre; its label's number stays left to right. */
export function CallButton({ label, primary }: { label: (phone: string) => string; primary?: boolean }) {
  return (
    <a className={primary ? 'button primary' : 'button'} href={koreanPhoneHref(CONTACT_CENTER) ?? `tel:${CONTACT_CENTER}`}>
      {/* One span: as direct children of the flex .button, words and number would lose the spaces between them. */}
      <span>{withLtr(label, CONTACT_CENTER)}</span>
    </a>
  );
}
