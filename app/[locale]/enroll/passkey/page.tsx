import type { Metadata } from 'next';
import { messageForCode } from '@/app/_lib/error-message';
import type { Locale } from '@/lib/i18n';
import { passkeyErrors } from '@/lib/passkeys';
import { CreatePasskey } from '../_components/create-passkey';
import { Note, Progress, StartOver } from '../_components/notes';
import { enrollStrings, stepPage } from '../_lib/step-page';

export async function generateMetadata({ params }: PageProps<'/[locale]/enroll/passkey'>): Promise<Metadata> {
  const t = await enrollStrings((await params).locale as Locale);
  return { title: t('passkeyTitle') };
}

export default async function PasskeyPage({ params }: PageProps<'/[locale]/enroll/passkey'>) {
  const locale = (await params).locale as Locale;
  const view = (await stepPage(locale, 'passkey'))!;
  const t = await enrollStrings(locale);
  const failed = await messageForCode(locale, passkeyErrors.code('verification_failed'));
  const selfService = view.path === 'chip' || view.path === 'reissue';
  return (
    <>
      <Progress label={t('progress', { current: selfService ? 4 : 3, total: selfService ? 4 : 3 })} />
      <h1>{t('passkeyTitle')}</h1>
      <p className="lead">{t('passkeyIntro')}</p>
      <ul className="checklist">
        <li>{t('passkeyWhat1')}</li>
        <li>{t('passkeyWhat2')}</li>
      </ul>
      {view.hasActiveCard ? <Note kind="warn">{t('passkeyMoveWarning')}</Note> : null}
      <CreatePasskey
        locale={locale}
        strings={{
          button: t('passkeyButton'),
          working: t('passkeyWorking'),
          cancelled: t('browserCancelled'),
          alreadyRegistered: t('browserAlreadyRegistered'),
          unsupported: t('browserUnsupported'),
          network: t('browserNetwork'),
          failed,
        }}
      />
      <StartOver locale={locale} label={t('startOver')} />
    </>
  );
}
