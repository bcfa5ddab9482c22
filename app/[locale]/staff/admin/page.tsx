// Staff administration: invite staff with a one-time link, change roles.
import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { pageAppContext } from '@/app/_lib/page-context';
import type { Locale } from '@/lib/i18n';
import { listStaff, STAFF_ROLES } from '@/lib/staff';
import { changeRoleAction } from '../actions';
import { StaffBar } from '../_components/staff-bar';
import { StaffForbidden } from '../_components/forbidden';
import { InviteForm } from '../_components/invite-form';
import { guardStaffPage } from '../_lib/guard';
import { messageForCode } from '@/app/_lib/error-message';
import { coreErrors, type CodeOf, type CoreErrorCode } from '@/lib/errors';
import { staffErrors } from '@/lib/staff';
import styles from '../staff.module.css';

/** What changeRoleAction may send back here in ?error=. */
type RoleChangeError = CodeOf<typeof staffErrors> | CoreErrorCode;
const ROLE_CHANGE_ERRORS: readonly RoleChangeError[] = [...staffErrors.codes, ...coreErrors.codes];

function roleChangeError(value: unknown): RoleChangeError | null {
  return ROLE_CHANGE_ERRORS.find((code) => code === value) ?? null;
}

export async function generateMetadata({ params }: PageProps<'/[locale]/staff/admin'>): Promise<Metadata> {
  const { locale } = (await params) as { locale: Locale };
  const t = await getTranslations({ locale, namespace: 'staff' });
  return { title: t('admin.title') };
}

export default async function StaffAdminPage({ params, searchParams }: PageProps<'/[locale]/staff/admin'>) {
  const { locale } = (await params) as { locale: Locale };
  setRequestLocale(locale);
  const gate = await guardStaffPage(locale, ['admin'], `/${locale}/staff/admin`);
  if (!gate.ok) return <StaffForbidden locale={locale} role={gate.role} />;
  const query = (await searchParams) as { changed?: string; error?: string };
  const t = await getTranslations({ locale, namespace: 'staff' });
  const { db, keys } = await pageAppContext();
  const members = await listStaff(db, keys);
  const roleName = (r: string) => t(`roles.${r as 'admin'}.name`);
  const errorCode = roleChangeError(query.error);

  return (
    <>
      <StaffBar locale={locale} staff={gate.staff} />
      <h1>{t('admin.title')}</h1>

      <section aria-labelledby="invite-heading">
        <h2 id="invite-heading">{t('admin.inviteHeading')}</h2>
        <p>{t('admin.inviteIntro')}</p>
        <p>
          <a href={`/${locale}/staff/partner/organisations`}>{t('admin.organisationsLink')}</a>
        </p>
        <InviteForm
          locale={locale}
          roles={STAFF_ROLES.map((r) => ({ value: r, label: roleName(r) }))}
          labels={{
            displayName: t('admin.displayName'),
            handle: t('admin.handle'),
            handleHint: t('admin.handleHint'),
            role: t('admin.role'),
            submit: t('admin.inviteButton'),
            busy: t('admin.inviting'),
            linkLabel: t('admin.inviteLink'),
          }}
        />
      </section>

      <section aria-labelledby="members-heading">
        <h2 id="members-heading">{t('admin.membersHeading')}</h2>
        <p role="status" className={errorCode ? styles.error : styles.ok}>
          {errorCode ? await messageForCode(locale, errorCode) : query.changed ? t('admin.roleChanged') : ''}
        </p>
        <ul className={styles.list}>
          {members.map((m) => (
            <li key={m.id}>
              <strong translate="no">{m.displayName}</strong>
              <div className="note" dir="ltr">
                {m.handle}
              </div>
              <div>
                {roleName(m.role)} · {t(`admin.status.${m.status}`)} · {t('admin.passkeys', { count: m.passkeys })}
              </div>
              {m.id !== gate.staff.staffId ? (
                <form action={changeRoleAction} className={styles.inline}>
                  <input type="hidden" name="locale" value={locale} />
                  <input type="hidden" name="staffId" value={m.id} />
                  <div className={styles.field} style={{ marginBlockEnd: 0 }}>
                    <label htmlFor={`role-${m.id}`}>{t('admin.changeRoleFor', { name: m.displayName })}</label>
                    <select id={`role-${m.id}`} name="role" defaultValue={m.role}>
                      {STAFF_ROLES.map((r) => (
                        <option key={r} value={r}>
                          {roleName(r)}
                        </option>
                      ))}
                    </select>
                  </div>
                  <button type="submit" className="button">
                    {t('admin.changeRole')}
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
