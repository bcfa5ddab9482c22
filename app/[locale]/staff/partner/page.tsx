// The partner's home: its organisation's campaigns with their funnel (its
// own campaigns only), and a form to create a campaign.
import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { messageForCode } from '@/app/_lib/error-message';
import { pageAppContext } from '@/app/_lib/page-context';
import type { Locale } from '@/lib/i18n';
import { CAMPAIGN_CHANNELS, CAMPAIGN_NAME_MAX, listCampaigns, outreachErrors, partnerFunnel, type ShownCounts } from '@/lib/outreach';
import { StaffBar } from '../_components/staff-bar';
import { StaffForbidden } from '../_components/forbidden';
import { guardStaffPage } from '../_lib/guard';
import { createCampaignAction } from './actions';
import { EndonymList, ScriptFontSheets } from './_components/endonym';
import { WithData } from '../_components/with-data';
import { ErrorSummary } from './_components/error-summary';
import { FunnelFigures } from './_components/funnel-figures';
import { LanguageBoxes } from './_components/language-boxes';
import { pageError, type OutreachPageError } from './_lib/display';
import styles from './partner.module.css';

/** A campaign the funnel read does not list (made a moment ago): nothing to show. */
const NONE: ShownCounts = { visits: null, checks: null, started: null, issued: null, guideViews: null };

/** Which field of the campaign form an error is about. */
function fieldOf(code: OutreachPageError): string {
  return code === outreachErrors.code('languages_required') ? 'campaign-lang-first' : 'campaign-name';
}

export async function generateMetadata({ params }: PageProps<'/[locale]/staff/partner'>): Promise<Metadata> {
  const { locale } = (await params) as { locale: Locale };
  const t = await getTranslations({ locale, namespace: 'partner' });
  return { title: t('title') };
}

export default async function PartnerHomePage({ params, searchParams }: PageProps<'/[locale]/staff/partner'>) {
  const { locale } = (await params) as { locale: Locale };
  setRequestLocale(locale);
  const gate = await guardStaffPage(locale, ['partner'], `/${locale}/staff/partner`);
  if (!gate.ok) return <StaffForbidden locale={locale} role={gate.role} />;
  const query = (await searchParams) as { error?: string };
  const t = await getTranslations({ locale, namespace: 'partner' });
  const app = await pageAppContext();
  const error = pageError(query.error);

  let loaded;
  try {
    const [list, funnel] = await Promise.all([
      listCampaigns(app.db, { staffId: gate.staff.staffId }),
      partnerFunnel(app.db, app.clock, { staffId: gate.staff.staffId }),
    ]);
    loaded = { ...list, funnel: funnel.funnel };
  } catch (thrown) {
    if (!outreachErrors.is(thrown, 'no_partner')) throw thrown;
    return (
      <>
        <StaffBar locale={locale} staff={gate.staff} />
        <h1>{t('title')}</h1>
        <p className="panel" data-testid="no-partner">
          {t('noPartner')}
        </p>
      </>
    );
  }
  const { partner, campaigns, funnel } = loaded;
  const countsOf = new Map(funnel.campaigns.map((c) => [c.campaignId, c]));
  const running = campaigns.filter((c) => !c.archivedAt);
  const ended = campaigns.filter((c) => c.archivedAt);

  const campaignCard = (c: (typeof campaigns)[number]) => (
    <li key={c.id} className={styles.card} data-testid="campaign" data-code={c.code}>
      <h3>
        <a href={`/${locale}/staff/partner/campaigns/${c.id}`} translate="no">{c.name}</a>
      </h3>
      <p className={styles.meta}>
        {t(`channel.${c.channel}`)} · <EndonymList locales={c.languages} /> · <bdi className={styles.code}>{c.code}</bdi>
      </p>
      <FunnelFigures locale={locale} counts={countsOf.get(c.id) ?? NONE} label={t('funnelOf', { name: c.name })} />
    </li>
  );

  return (
    <>
      <ScriptFontSheets pageLocale={locale} />
      <StaffBar locale={locale} staff={gate.staff} />
      <h1>{t('title')}</h1>
      <p className="lead">
        <WithData text={t('intro', { organisation: partner.name })} data={[partner.name]} />
      </p>
      <ul className="actions">
        <li>
          <a className="button" href="#new-campaign">
            {t('create.heading')}
          </a>
        </li>
        <li>
          <a className="button" href={`/${locale}/staff/partner/community-days`}>
            {t('communityDays.link')}
          </a>
        </li>
      </ul>

      <section aria-labelledby="campaigns-heading">
        <h2 id="campaigns-heading">{t('campaignsHeading')}</h2>
        <p className="note">{t('smallCounts')}</p>
        <div className={styles.total}>
          <h3>{t('total')}</h3>
          <FunnelFigures locale={locale} counts={funnel.total} label={t('total')} testId="funnel-total" />
        </div>
        {running.length === 0 ? <p>{t('noCampaigns')}</p> : <ul className={styles.list}>{running.map(campaignCard)}</ul>}
        {ended.length > 0 ? (
          <>
            <h3>{t('endedHeading')}</h3>
            <ul className={styles.list}>{ended.map(campaignCard)}</ul>
          </>
        ) : null}
      </section>

      <section aria-labelledby="new-campaign-heading" id="new-campaign">
        <h2 id="new-campaign-heading">{t('create.heading')}</h2>
        {error ? <ErrorSummary title={t('errorTitle')} message={await messageForCode(locale, error)} field={fieldOf(error)} /> : null}
        <form action={createCampaignAction} className="panel">
          <input type="hidden" name="locale" value={locale} />
          <div className={styles.field}>
            <label htmlFor="campaign-name">{t('create.name')}</label>
            <span id="campaign-name-hint" className="note">
              {t('create.nameHint')}
            </span>
            <input id="campaign-name" name="name" required minLength={2} maxLength={CAMPAIGN_NAME_MAX} autoComplete="off" aria-describedby="campaign-name-hint" />
          </div>
          <LanguageBoxes idPrefix="campaign-lang" legend={t('create.languages')} hint={t('create.languagesHint')} invalid={error === outreachErrors.code('languages_required')} />
          <div className={styles.field}>
            <label htmlFor="campaign-channel">{t('create.channel')}</label>
            <select id="campaign-channel" name="channel" defaultValue="poster">
              {CAMPAIGN_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t(`channel.${c}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button primary">
            {t('create.submit')}
          </button>
        </form>
      </section>
    </>
  );
}
