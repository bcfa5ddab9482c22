// An invitee opens the one-time link and creates the passkey they will sign in with.
import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { pageAppContext } from '@/app/_lib/page-context';
import { formatTime, type Locale } from '@/lib/i18n';
import { openInvite } from '@/lib/staff';
import { PasskeyButton } from '../../_components/passkey-button';
import { errorMessage, errorMessages } from '@/app/_lib/error-message';
import { PASSKEY_ERRORS } from '../../_lib/passkey-errors';

export async function generateMetadata({ params }: PageProps<'/[locale]/staff/invite/[token]'>): Promise<Metadata> {
  const { locale } = (await params) as { locale: Locale };
  const t = await getTranslations({ locale, namespace: 'staff' });
  return { title: t('invite.title'), referrer: 'no-referrer' };
}

export default async function StaffInvitePage({ params }: PageProps<'/[locale]/staff/invite/[token]'>) {
  const { locale, token } = (await params) as { locale: Locale; token: string };
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: 'staff' });
  const { db, clock, keys } = await pageAppContext();
  let invite;
  try {
    invite = await openInvite(db, clock, keys, token);
  } catch (error) {
    return (
      <section aria-labelledby="invite-heading" className="panel">
        <h1 id="invite-heading">{t('invite.title')}</h1>
        <p role="alert">{await errorMessage(locale, error)}</p>
        <p>{t('invite.askAgain')}</p>
      </section>
    );
  }

  return (
    <section aria-labelledby="invite-heading">
      <h1 id="invite-heading">{t('invite.title')}</h1>
      <p className="lead">{t('invite.welcome', { name: invite.displayName, role: t(`roles.${invite.role}.name`) })}</p>
      <p>{t('invite.explain')}</p>
      <PasskeyButton
        mode="register"
        token={token}
        next={`/${locale}/staff`}
        labels={{
          button: t('invite.button'),
          busy: t('passkey.busy'),
          cancelled: t('passkey.cancelled'),
          unsupported: t('passkey.unsupported'),
          failed: t('passkey.failed'),
        }}
        errors={await errorMessages(locale, PASSKEY_ERRORS)}
      />
      <p className="note">{t('invite.expires', { at: invite.expiresAt, time: formatTime(locale, invite.expiresAt) })}</p>
    </section>
  );
}
