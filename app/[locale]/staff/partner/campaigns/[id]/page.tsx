// One campaign of the partner's organisation: its short link (to copy), the
// link's QR code, a poster per language, its funnel, and ending it.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { messageForCode } from '@/app/_lib/error-message';
import { pageAppContext } from '@/app/_lib/page-context';
import { directionOf, endonyms, type Locale } from '@/lib/i18n';
import { posterFont } from '@/lib/outreach';
import { getCampaign, outreachErrors, partnerFunnel, posterQrSvg, printedShortLink, shortLinkPath } from '@/lib/outreach';
import { StaffBar } from '../../../_components/staff-bar';
import { StaffForbidden } from '../../../_components/forbidden';
import { guardStaffPage } from '../../../_lib/guard';
import { archiveCampaignAction } from '../../actions';
import { CopyButton } from '../../_components/copy-button';
import { EndonymList, ScriptFontSheets } from '../../_components/endonym';
import { ErrorSummary } from '../../_components/error-summary';
import { FunnelFigures } from '../../_components/funnel-figures';
import { pageError, shownCount, shownDate } from '../../_lib/display';
import styles from '../../partner.module.css';

export async function generateMetadata({ params }: PageProps<'/[locale]/staff/partner/campaigns/[id]'>): Promise<Metadata> {
  const { locale } = (await params) as { locale: Locale };
  const t = await getTranslations({ locale, namespace: 'partner' });
  return { title: t('campaign.title') };
}

export default async function CampaignPage({ params, searchParams }: PageProps<'/[locale]/staff/partner/campaigns/[id]'>) {
  const { locale, id } = (await params) as { locale: Locale; id: string };
  setRequestLocale(locale);
  const gate = await guardStaffPage(locale, ['partner'], `/${locale}/staff/partner/campaigns/${encodeURIComponent(id)}`);
  if (!gate.ok) return <StaffForbidden locale={locale} role={gate.role} />;
  const query = (await searchParams) as { error?: string; created?: string; archived?: string };
  const t = await getTranslations({ locale, namespace: 'partner' });
  const app = await pageAppContext();
  let found;
  try {
    found = await getCampaign(app.db, { staffId: gate.staff.staffId, campaignId: id });
  } catch (thrown) {
    // Another organisation's campaign is as unknown as one that does not exist.
    if (outreachErrors.is(thrown, 'campaign_unknown') || outreachErrors.is(thrown, 'no_partner')) notFound();
    throw thrown;
  }
  const { campaign } = found;
  const { funnel } = await partnerFunnel(app.db, app.clock, { staffId: gate.staff.staffId });
  const counts = funnel.campaigns.find((c) => c.campaignId === campaign.id) ?? { visits: null, checks: null, started: null, issued: null, guideViews: null };
  const link = `${app.config.origins[0]}${shortLinkPath(campaign.code)}`;
  const qr = await posterQrSvg(link);
  const error = pageError(query.error);
  const fewer = (n: string) => t('funnel.fewer', { n });

  return (
    <>
      <ScriptFontSheets pageLocale={locale} />
      <StaffBar locale={locale} staff={gate.staff} />
      <a className={styles.back} href={`/${locale}/staff/partner`}>
        {t('campaign.back')}
      </a>
      <h1 translate="no">{campaign.name}</h1>
      {error ? <ErrorSummary title={t('errorTitle')} message={await messageForCode(locale, error)} /> : null}
      {query.created ? (
        <p className={styles.notice} role="status">
          {t('campaign.created')}
        </p>
      ) : null}
      {query.archived ? (
        <p className={styles.notice} role="status">
          {t('campaign.archived')}
        </p>
      ) : null}
      <dl className={styles.facts}>
        <dt>{t('campaign.channel')}</dt>
        <dd>{t(`channel.${campaign.channel}`)}</dd>
        <dt>{t('campaign.languages')}</dt>
        <dd>
          <EndonymList locales={campaign.languages} />
        </dd>
        <dt>{t('campaign.started')}</dt>
        <dd>{shownDate(locale, campaign.createdAt)}</dd>
        <dt>{t('campaign.status')}</dt>
        <dd>{campaign.archivedAt ? t('campaign.ended', { date: shownDate(locale, campaign.archivedAt) }) : t('campaign.running')}</dd>
      </dl>

      <section aria-labelledby="link-heading">
        <h2 id="link-heading">{t('campaign.linkHeading')}</h2>
        <p>{t('campaign.linkIntro')}</p>
        <a className={styles.link} href={link} data-testid="short-link">
          {printedShortLink(link)}
        </a>
        <div className={styles.row}>
          <CopyButton text={link} label={t('campaign.copy')} done={t('campaign.copied')} />
        </div>
        <div className={styles.qr} role="img" aria-label={t('campaign.qrAlt')} data-testid="campaign-qr" dangerouslySetInnerHTML={{ __html: qr }} />
      </section>

      <section aria-labelledby="posters-heading">
        <h2 id="posters-heading">{t('campaign.postersHeading')}</h2>
        <p>{t('campaign.postersIntro')}</p>
        <ul className={styles.posters}>
          {campaign.languages.map((l) => (
            <li key={l}>
              <a className="button" href={`/${locale}/staff/partner/campaigns/${campaign.id}/poster/${l}`} data-testid={`poster-${l}`}>
                <span>
                  {t.rich('campaign.posterIn', {
                    language: endonyms[l],
                    lang: (chunks) => (
                      <span lang={l} dir={directionOf(l)} style={{ fontFamily: posterFont(l).family }}>
                        {chunks}
                      </span>
                    ),
                  })}
                </span>
              </a>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="results-heading">
        <h2 id="results-heading">{t('campaign.resultsHeading')}</h2>
        <p className="note">{t('smallCounts')}</p>
        <FunnelFigures locale={locale} counts={counts} label={t('funnelOf', { name: campaign.name })} testId="campaign-funnel" />
        <p className="note">{t('campaign.guideViews', { count: shownCount(locale, counts.guideViews, fewer) })}</p>
      </section>

      {campaign.archivedAt ? null : (
        <section aria-labelledby="end-heading">
          <h2 id="end-heading">{t('campaign.endHeading')}</h2>
          <p>{t('campaign.endIntro')}</p>
          <form action={archiveCampaignAction}>
            <input type="hidden" name="locale" value={locale} />
            <input type="hidden" name="campaignId" value={campaign.id} />
            <button type="submit" className="button">
              {t('campaign.end')}
            </button>
          </form>
        </section>
      )}
    </>
  );
}
