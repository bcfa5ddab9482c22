// Shared by the interim booking and loss pages (they stand in for the
// later video-booking and loss-report capabilities): their strings, with
// the contact centre's number marked to become a tel: link, and a button
// that dials it. The number stays left to right in every language.
import { getTranslations } from 'next-intl/server';
import { Fragment, type ReactNode } from 'react';
import { phoneNumbers } from '@/lib/guidance';
import { koreanPhoneHref, type Locale } from '@/lib/i18n';
import { phoneTokens } from '../guide/_components/phone-text';

export { Rich } from '../guide/_components/phone-text';

/** The Immigration Contact Center, as dialled. */
export const CONTACT_CENTER = phoneNumbers.phone;
export const contactCenterHref = koreanPhoneHref(CONTACT_CENTER) ?? `tel:${CONTACT_CENTER}`;

type Translate = (key: string, values?: Record<string, string | number>) => string;

/** interim.<page>.* with {phone} marked for <Rich> (a link) or <CallButton> (a label). */
export async function interimText(locale: Locale, page: 'booking' | 'loss'): Promise<Translate> {
  const t = (await getTranslations({ locale, namespace: `interim.${page}` })) as unknown as Translate;
  return (key, values) => t(key, { phone: phoneTokens.phone, ...values });
}

/** A button that calls the contact centre; its label's number is shown left to right. */
export function CallButton({ label, primary }: { label: string; primary?: boolean }) {
  const parts = label.split(phoneTokens.phone);
  const children: ReactNode[] = parts.flatMap((part, i) =>
    i === 0
      ? [<Fragment key={`t${i}`}>{part}</Fragment>]
      : [
          <bdi key={`n${i}`} dir="ltr">
            {CONTACT_CENTER}
          </bdi>,
          <Fragment key={`t${i}`}>{part}</Fragment>,
        ],
  );
  return (
    <a className={primary ? 'button primary' : 'button'} href={contactCenterHref}>
      {/* One span: as direct children of the flex .button, the words and the
          number would become separate flex items and lose the spaces between them. */}
      <span>{children}</span>
    </a>
  );
}
