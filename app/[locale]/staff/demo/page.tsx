// Demo sign-in: one button per demo role. This page exists only on a demo
// database run as the demo (embedded PGlite, or ARC_DEMO=1); elsewhere it
// is a 404, and its action is refused by lib/staff as well.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { messageForCode } from '@/app/_lib/error-message';
import { pageAppContext } from '@/app/_lib/page-context';
import { coreErrors, type CodeOf, type CoreErrorCode } from '@/lib/errors';
import type { Locale } from '@/lib/i18n';
import { demoSignInAvailable, staffErrors, STAFF_ROLES } from '@/lib/staff';
import { demoSignInAction } from '../actions';
import styles from '../staff.module.css';

/** What demoSignInAction may send back here in ?error=. */
type DemoSignInError = CodeOf<typeof staffErrors> | CoreErrorCode;
const DEMO_SIGN_IN_ERRORS: readonly DemoSignInError[] = [...staffErrors.codes, ...coreErrors.codes];

export async function generateMetadata({ params }: PageProps<'/[locale]/staff/demo'>): Promise<Metadata> {
  const { locale } = (await params) as { locale: Locale };
  const t = await getTranslations({ locale, namespace: 'staff' });
  return { title: t('demo.title') };
}

export default async function StaffDemoPage({ params, searchParams }: PageProps<'/[locale]/staff/demo'>) {
  const { locale } = (await params) as { locale: Locale };
  setRequestLocale(locale);
  const { db, config } = await pageAppContext();
  if (!(await demoSignInAvailable(db, config))) notFound();
  const t = await getTranslations({ locale, namespace: 'staff' });
  const { error } = ((await searchParams) ?? {}) as { error?: string };
  const errorCode = DEMO_SIGN_IN_ERRORS.find((code) => code === error) ?? null;

  return (
    <section aria-labelledby="demo-heading">
      <h1 id="demo-heading">{t('demo.title')}</h1>
      <p className="lead">{t('demo.intro')}</p>
      {errorCode ? (
        <p role="alert" className={styles.error}>
          {await messageForCode(locale, errorCode)}
        </p>
      ) : null}
      <ul className={styles.roles}>
        {STAFF_ROLES.map((role) => (
          <li key={role} className="panel">
            <form action={demoSignInAction}>
              <input type="hidden" name="locale" value={locale} />
              <input type="hidden" name="role" value={role} />
              <button type="submit" className="button primary">
                {t(`demo.signInAs.${role}`)}
              </button>
            </form>
            <p>{t(`roles.${role}.does`)}</p>
          </li>
        ))}
      </ul>
      <p className="note">{t('demo.note')}</p>
    </section>
  );
}
