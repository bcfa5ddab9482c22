// Staff sign-in with a passkey (discoverable: no user name to type).
import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { pageAppContext } from '@/app/_lib/page-context';
import type { Locale } from '@/lib/i18n';
import { demoSignInAvailable } from '@/lib/staff';
import { PasskeyButton } from '../_components/passkey-button';
import { safeStaffNext } from '../_lib/guard';
import { errorMessages } from '@/app/_lib/error-message';
import { PASSKEY_ERRORS } from '../_lib/passkey-errors';

export async function generateMetadata({ params }: PageProps<'/[locale]/staff/sign-in'>): Promise<Metadata> {
  const { locale } = (await params) as { locale: Locale };
  const t = await getTranslations({ locale, namespace: 'staff' });
  return { title: t('signIn.title') };
}

export default async function StaffSignInPage({ params, searchParams }: PageProps<'/[locale]/staff/sign-in'>) {
  const { locale } = (await params) as { locale: Locale };
  setRequestLocale(locale);
  const { next } = (await searchParams) as { next?: string };
  const t = await getTranslations({ locale, namespace: 'staff' });
  const { db, config } = await pageAppContext();
  const demo = await demoSignInAvailable(db, config);

  return (
    <section aria-labelledby="sign-in-heading">
      <h1 id="sign-in-heading">{t('signIn.title')}</h1>
      <p className="lead">{t('signIn.intro')}</p>
      <PasskeyButton
        mode="sign-in"
        next={safeStaffNext(locale, typeof next === 'string' ? next : undefined)}
        labels={{
          button: t('signIn.button'),
          busy: t('passkey.busy'),
          cancelled: t('passkey.cancelled'),
          unsupported: t('passkey.unsupported'),
          failed: t('passkey.failed'),
        }}
        errors={await errorMessages(locale, PASSKEY_ERRORS)}
      />
      <p className="note">{t('signIn.noPasskey')}</p>
      {demo ? (
        <p>
          <a href={`/${locale}/staff/demo`}>{t('signIn.demoLink')}</a>
        </p>
      ) : null}
    </section>
  );
}
