// The line at the top of every signed-in staff page: who is signed in, in
// which role, a way home and a way out.
import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/lib/i18n';
import type { StaffPrincipal } from '@/lib/staff';
import { signOutAction } from '../actions';
import styles from '../staff.module.css';

export async function StaffBar({ locale, staff }: { locale: Locale; staff: StaffPrincipal }) {
  const t = await getTranslations({ locale, namespace: 'staff' });
  return (
    <div className={styles.bar}>
      <a href={`/${locale}/staff`}>{t('home.title')}</a>
      <span>{t('signedInAs', { name: staff.displayName, role: t(`roles.${staff.role}.name`) })}</span>
      <form action={signOutAction}>
        <input type="hidden" name="locale" value={locale} />
        <button type="submit" className={styles.linkButton}>
          {t('signOut')}
        </button>
      </form>
    </div>
  );
}
