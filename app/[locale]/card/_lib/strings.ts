// The translated strings the card's client components need, resolved on the
// server (no next-intl client in the phone's JavaScript).
import { getTranslations } from 'next-intl/server';
import { errorMessages } from '@/app/_lib/error-message';
import { coreErrors } from '@/lib/errors';
import type { Locale } from '@/lib/i18n';
import { passkeyErrors } from '@/lib/passkeys';
import { presentationErrors } from '@/lib/presentation';

/** Server codes whose message is the app's own (errors.*). */
const SERVER_CODES = [
  passkeyErrors.code('credential_unknown'),
  passkeyErrors.code('verification_failed'),
  passkeyErrors.code('device_signature_invalid'),
  passkeyErrors.code('user_not_verified'),
  passkeyErrors.code('challenge_expired'),
  passkeyErrors.code('challenge_used'),
  passkeyErrors.code('challenge_unknown'),
  passkeyErrors.code('counter_regression'),
  passkeyErrors.code('wrong_origin'),
  presentationErrors.code('unlock_required'),
  presentationErrors.code('no_card'),
  presentationErrors.code('no_status_index'),
  presentationErrors.code('request_expired'),
  presentationErrors.code('request_answered'),
  presentationErrors.code('request_not_found'),
  coreErrors.code('payload_too_large'),
  coreErrors.code('cross_site'),
];

/** Codes the unlock can fail with (browser.* from components/card-ceremonies, passkeys.* and presentation.* from the server) → message. */
export async function unlockErrorMessages(locale: Locale): Promise<Record<string, string>> {
  const t = await getTranslations({ locale, namespace: 'card' });
  return {
    ...(await errorMessages(locale, SERVER_CODES)),
    // The phone's own failures (BROWSER_CODES in components/card-ceremonies, a browser module).
    'browser.cancelled': t('unlock.errors.cancelled'),
    'browser.unsupported': t('unlock.errors.unsupported'),
    'browser.no_device_key': t('unlock.errors.noDeviceKey'),
    'browser.no_card': t('unlock.noCard'),
    'browser.network': t('unlock.errors.network'),
    // The card's own state reads as the card page says it.
    [passkeyErrors.code('card_locked')]: t('status.locked'),
    [passkeyErrors.code('card_moved')]: t('status.moved'),
    [passkeyErrors.code('card_revoked')]: t('status.revoked'),
    [presentationErrors.code('card_expired')]: t('status.expired'),
    default: t('unlock.errors.failed'),
  };
}
