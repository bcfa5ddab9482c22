// What a signed-in staff member sees on a page their role may not open.
import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/lib/i18n';
import type { StaffRole } from '@/lib/staff';

export async function StaffForbidden({ locale, role }: { locale: Locale; role: StaffRole }) {
  const t = await getTranslations({ locale, namespace: 'staff' });
  return (
    <section className="panel" aria-labelledby="forbidden-heading">
      <h1 id="forbidden-heading">{t('forbidden.title')}</h1>
      <p>{t('forbidden.body', { role: t(`roles.${role}.name`) })}</p>
      <p>
        <a href={`/${locale}/staff`}>{t('forbidden.back')}</a>
      </p>
    </section>
  );
}
