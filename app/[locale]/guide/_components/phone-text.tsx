// Phone numbers inside translated text: a message is formatted with marker
// tokens in place of {phone}, {danuriPhone}, …; <Rich> turns each marker
// into a tel: link whose number stays left to right (<bdi dir="ltr">), also
// inside right-to-left text. No server-only imports: the checker's client
// component uses it too.
import { Fragment, type ReactNode } from 'react';
import { phoneNumbers } from '@/lib/guidance';
import { koreanPhoneHref } from '@/lib/i18n';

type PhoneName = keyof typeof phoneNumbers;

// Private-use characters never appear in a translation, so they mark where a
// phone number goes without any risk of clashing with the text.
const OPEN = '\uE000';
const CLOSE = '\uE001';
export const phoneTokens = Object.fromEntries(
  (Object.keys(phoneNumbers) as PhoneName[]).map((name) => [name, `${OPEN}${name}${CLOSE}`]),
) as Record<PhoneName, string>;
const TOKEN = new RegExp(`${OPEN}(\\w+)${CLOSE}`);

export function PhoneLink({ number }: { number: string }) {
  return (
    <a href={koreanPhoneHref(number) ?? `tel:${number.replace(/\D/g, '')}`} className="phone">
      <bdi dir="ltr">{number}</bdi>
    </a>
  );
}

/** Text with phone markers, rendered with the numbers as links. */
export function Rich({ text }: { text: string }): ReactNode {
  if (!text.includes(OPEN)) return text;
  // split with a capture group: even indexes are text, odd ones marker names.
  return text
    .split(TOKEN)
    .map((part, i) =>
      i % 2 === 0 ? <Fragment key={i}>{part}</Fragment> : <PhoneLink key={i} number={phoneNumbers[part as PhoneName] ?? part} />,
    );
}
