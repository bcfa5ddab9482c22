// The line at the top of every signed-in staff page: who is signed in, in
// which role, a way home and a way out.
import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/lib/i18n';
import type { StaffPrincipal } from '@/lib/staff';
import { signOutAction } from '../actions';
import styles from '../staff.module.css';
import { WithData } from './with-data';

export async function StaffBar({ locale, staff }: { locale: Locale; staff: StaffPrincipal }) {
  const t = await getTranslations({ locale, namespace: 'staff' });
  return (
    <div className={styles.bar}>
      <a href={`/${locale}/staff`}>{t('home.title')}</a>
      <span>
        <WithData
          text={t('signedInAs', {
            name: shownName(staff, (person) => t('demoName', { name: person })),
            role: t(`roles.${staff.role}.name`),
          })}
          data={[personOf(staff) ?? staff.displayName]}
        />
      </span>
      <form action={signOutAction}>
        <input type="hidden" name="locale" value={locale} />
        <button type="submit" className={styles.linkButton}>
          {t('signOut')}
        </button>
      </form>
    </div>
  );
}

/** A demo account's name says "Demo officer (Park Ji-won)" in English: the page's language says "demo", the person's name stays. */
function shownName(staff: StaffPrincipal, demo: (person: string) => string): string {
  const person = personOf(staff);
  return person ? demo(person) : staff.displayName;
}

/** The person's own name in a demo account's "Demo officer (Park Ji-won)". */
function personOf(staff: Pick<StaffPrincipal, 'demo' | 'displayName'>): string | undefined {
  return staff.demo ? /\(([^)]+)\)\s*$/.exec(staff.displayName)?.[1] : undefined;
}
