// Admins: the partner organisations (community associations and embassies),
// adding one, and inviting a person to act for one (a partner account tied
// to its organisation, with a one-time link as for any staff member).
import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { messageForCode } from '@/app/_lib/error-message';
import { pageAppContext } from '@/app/_lib/page-context';
import type { Locale } from '@/lib/i18n';
import { listPartners, outreachErrors, PARTNER_KINDS, PARTNER_REGIONS } from '@/lib/outreach';
import { StaffBar } from '../../_components/staff-bar';
import { StaffForbidden } from '../../_components/forbidden';
import { guardStaffPage } from '../../_lib/guard';
import { createPartnerAction } from '../actions';
import { EndonymList, ScriptFontSheets } from '../_components/endonym';
import { ErrorSummary } from '../_components/error-summary';
import { LanguageBoxes } from '../_components/language-boxes';
import { PartnerInviteForm } from '../_components/partner-invite-form';
import { pageError, type OutreachPageError } from '../_lib/display';
import styles from '../partner.module.css';

function fieldOf(code: OutreachPageError): string {
  if (code === outreachErrors.code('languages_required')) return 'org-lang-first';
  if (code === outreachErrors.code('region_unknown')) return 'org-region';
  return 'org-name';
}

export async function generateMetadata({ params }: PageProps<'/[locale]/staff/partner/organisations'>): Promise<Metadata> {
  const { locale } = (await params) as { locale: Locale };
  const t = await getTranslations({ locale, namespace: 'partner' });
  return { title: t('organisations.title') };
}

export default async function PartnerOrganisationsPage({ params, searchParams }: PageProps<'/[locale]/staff/partner/organisations'>) {
  const { locale } = (await params) as { locale: Locale };
  setRequestLocale(locale);
  const gate = await guardStaffPage(locale, ['admin'], `/${locale}/staff/partner/organisations`);
  if (!gate.ok) return <StaffForbidden locale={locale} role={gate.role} />;
  const query = (await searchParams) as { error?: string; created?: string };
  const t = await getTranslations({ locale, namespace: 'partner' });
  const s = await getTranslations({ locale, namespace: 'staff' });
  const app = await pageAppContext();
  const partners = await listPartners(app.db);
  const error = pageError(query.error);

  return (
    <>
      <ScriptFontSheets pageLocale={locale} />
      <StaffBar locale={locale} staff={gate.staff} />
      <a className={styles.back} href={`/${locale}/staff/admin`}>
        {t('organisations.back')}
      </a>
      <h1>{t('organisations.title')}</h1>
      <p className="lead">{t('organisations.intro')}</p>
      {query.created ? (
        <p className={styles.notice} role="status">
          {t('organisations.created')}
        </p>
      ) : null}

      <section aria-labelledby="org-list-heading">
        <h2 id="org-list-heading">{t('organisations.listHeading')}</h2>
        {partners.length === 0 ? <p>{t('organisations.none')}</p> : null}
        <ul className={styles.list}>
          {partners.map((p) => (
            <li key={p.id} className={styles.card} data-testid="organisation">
              <h3 translate="no">{p.name}</h3>
              <p className={styles.meta}>
                {t(`kind.${p.kind}`)} · {t(`regions.${p.region as 'seoul'}`)} · <EndonymList locales={p.languages} />
              </p>
              <p>{t('organisations.members', { count: p.members })}</p>
            </li>
          ))}
        </ul>
      </section>

      {partners.length > 0 ? (
        <section aria-labelledby="org-invite-heading">
          <h2 id="org-invite-heading">{t('organisations.inviteHeading')}</h2>
          <p>{t('organisations.inviteIntro')}</p>
          <PartnerInviteForm
            locale={locale}
            partners={partners.map((p) => ({ id: p.id, name: p.name }))}
            labels={{
              organisation: t('organisations.organisation'),
              displayName: s('admin.displayName'),
              handle: s('admin.handle'),
              handleHint: s('admin.handleHint'),
              submit: s('admin.inviteButton'),
              busy: s('admin.inviting'),
              linkLabel: s('admin.inviteLink'),
            }}
          />
        </section>
      ) : null}

      <section aria-labelledby="org-new-heading" id="new-organisation">
        <h2 id="org-new-heading">{t('organisations.newHeading')}</h2>
        {error ? <ErrorSummary title={t('errorTitle')} message={await messageForCode(locale, error)} field={fieldOf(error)} /> : null}
        <form action={createPartnerAction} className="panel">
          <input type="hidden" name="locale" value={locale} />
          <div className={styles.field}>
            <label htmlFor="org-kind">{t('organisations.kind')}</label>
            <select id="org-kind" name="kind" defaultValue="association">
              {PARTNER_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kind.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div className={styles.field}>
            <label htmlFor="org-name">{t('organisations.name')}</label>
            <span id="org-name-hint" className="note">
              {t('organisations.nameHint')}
            </span>
            <input id="org-name" name="name" required minLength={2} maxLength={80} autoComplete="organization" aria-describedby="org-name-hint" />
          </div>
          <div className={styles.field}>
            <label htmlFor="org-region">{t('organisations.region')}</label>
            <select id="org-region" name="region" defaultValue="seoul">
              {PARTNER_REGIONS.map((r) => (
                <option key={r} value={r}>
                  {t(`regions.${r}`)}
                </option>
              ))}
            </select>
          </div>
          <LanguageBoxes idPrefix="org-lang" legend={t('organisations.languages')} invalid={error === outreachErrors.code('languages_required')} />
          <button type="submit" className="button primary">
            {t('organisations.create')}
          </button>
        </form>
      </section>
    </>
  );
}
