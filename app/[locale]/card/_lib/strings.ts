// The translated strings the card's client components need, resolved on the
// server (no next-intl client in the phone's JavaScript).
import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/lib/i18n/locales';

/** Codes the unlock can fail with (browser.* from components/card-ceremonies, passkeys.* and presentation.* from the server) → message. */
export async function unlockErrorMessages(locale: Locale): Promise<Record<string, string>> {
  const t = await getTranslations({ locale, namespace: 'card' });
  const errors = await getTranslations({ locale, namespace: 'errors' });
  const fromErrors = (code: string): string | undefined => (errors.has(code as never) ? errors(code as never) : undefined);
  const messages: Record<string, string> = {
    'browser.cancelled': t('unlock.errors.cancelled'),
    'browser.unsupported': t('unlock.errors.unsupported'),
    'browser.no_device_key': t('unlock.errors.noDeviceKey'),
    'browser.no_card': t('unlock.noCard'),
    'browser.network': t('unlock.errors.network'),
    'passkeys.card_locked': t('status.locked'),
    'passkeys.card_moved': t('status.moved'),
    'passkeys.card_revoked': t('status.revoked'),
    'presentation.card_expired': t('status.expired'),
    default: t('unlock.errors.failed'),
  };
  for (const code of [
    'passkeys.credential_unknown',
    'passkeys.verification_failed',
    'passkeys.device_signature_invalid',
    'passkeys.user_not_verified',
    'passkeys.challenge_expired',
    'passkeys.challenge_used',
    'passkeys.challenge_unknown',
    'passkeys.counter_regression',
    'passkeys.wrong_origin',
    'presentation.unlock_required',
    'presentation.no_card',
    'presentation.no_status_index',
    'presentation.request_expired',
    'presentation.request_answered',
    'presentation.request_not_found',
  ]) {
    const message = fromErrors(code);
    if (message) messages[code] = message;
  }
  return messages;
}
