// A campaign's printable A4 poster in one of its languages: a plain heading,
// a short message, the three steps, the QR code of the short link with the
// link printed under it, the help line and the organisation's name. The
// poster speaks its own language in its own script font, whatever the
// language of the page around it; the browser shapes the script (Khmer,
// Myanmar, Arabic…) and prints it (print CSS: A4, the page's chrome hidden).
import { pageNonce } from '@/app/_lib/nonce';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { pageAppContext } from '@/app/_lib/page-context';
import { directionOf, endonyms, isLocale, type Locale } from '@/lib/i18n';
import { getCampaign, outreachErrors, posterFont, posterQrSvg, printedShortLink, scriptFontVariable, shortLinkPath } from '@/lib/outreach';
import { StaffBar } from '../../../../../_components/staff-bar';
import { StaffForbidden } from '../../../../../_components/forbidden';
import { guardStaffPage } from '../../../../../_lib/guard';
import { PrintButton } from '../../../../_components/print-button';
import styles from './poster.module.css';

/** Global print rules: an A4 page, and nothing of the site's chrome on paper. */
const PRINT_CSS = `
@page { size: A4 portrait; margin: 12mm; }
@media print {
  html, body { background: #fff !important; }
  .skip-link, .site-header, .site-footer, [data-poster-chrome] { display: none !important; }
  main { max-width: none !important; padding: 0 !important; margin: 0 !important; }
}`;

export async function generateMetadata({ params }: PageProps<'/[locale]/staff/partner/campaigns/[id]/poster/[lang]'>): Promise<Metadata> {
  const { locale } = (await params) as { locale: Locale };
  const t = await getTranslations({ locale, namespace: 'partner' });
  return { title: t('poster.title') };
}

export default async function PosterPage({ params }: PageProps<'/[locale]/staff/partner/campaigns/[id]/poster/[lang]'>) {
  const { locale, id, lang } = (await params) as { locale: Locale; id: string; lang: string };
  setRequestLocale(locale);
  const here = `/${locale}/staff/partner/campaigns/${encodeURIComponent(id)}/poster/${encodeURIComponent(lang)}`;
  const gate = await guardStaffPage(locale, ['partner'], here);
  if (!gate.ok) return <StaffForbidden locale={locale} role={gate.role} />;
  const app = await pageAppContext();
  let found;
  try {
    found = await getCampaign(app.db, { staffId: gate.staff.staffId, campaignId: id });
  } catch (thrown) {
    if (outreachErrors.is(thrown, 'campaign_unknown') || outreachErrors.is(thrown, 'no_partner')) notFound();
    throw thrown;
  }
  const { campaign, partner } = found;
  if (!isLocale(lang) || !campaign.languages.includes(lang)) notFound();

  const t = await getTranslations({ locale, namespace: 'partner' });
  const p = await getTranslations({ locale: lang, namespace: 'poster' });
  const link = `${app.config.origins[0]}${shortLinkPath(campaign.code)}`;
  const qr = await posterQrSvg(link);
  const font = posterFont(lang);
  const steps = [
    { title: p('step1Title'), text: p('step1') },
    { title: p('step2Title'), text: p('step2') },
    { title: p('step3Title'), text: p('step3') },
  ];
  // The poster's script sheet also sets --script-font for the page; the page's own comes back after it.
  const restore = font.stylesheet ? `:root{--script-font:${scriptFontVariable(locale) ?? 'system-ui'}}` : '';

  return (
    <>
      {font.stylesheet ? <link rel="stylesheet" href={font.stylesheet} /> : null}
      <style nonce={await pageNonce()} dangerouslySetInnerHTML={{ __html: PRINT_CSS + restore }} />
      <div data-poster-chrome="">
        <StaffBar locale={locale} staff={gate.staff} />
        <a className={styles.back} href={`/${locale}/staff/partner/campaigns/${campaign.id}`}>
          {t('poster.back')}
        </a>
        <h1 className={styles.pageTitle}>
          {t.rich('poster.heading', {
            name: campaign.name,
            language: endonyms[lang],
            lang: (chunks) => (
              <span lang={lang} dir={directionOf(lang)} style={{ fontFamily: font.family }}>
                {chunks}
              </span>
            ),
          })}
        </h1>
        <div className={styles.toolbar}>
          <PrintButton label={t('poster.print')} />
          <p className="note">{t('poster.printHint')}</p>
        </div>
      </div>

      <article className={styles.sheet} lang={lang} dir={font.dir} style={{ fontFamily: font.family }} data-testid="poster" aria-label={p('heading')}>
        <div className={styles.poster}>
          <p className={styles.brand}>
            <svg aria-hidden="true" viewBox="0 0 32 32">
              <rect x="2" y="6" width="28" height="20" rx="4" fill="currentColor" />
              <rect x="6" y="11" width="8" height="10" rx="1.5" fill="#fff" />
              <rect x="17" y="12" width="10" height="2" rx="1" fill="#fff" />
              <rect x="17" y="17" width="7" height="2" rx="1" fill="#fff" />
            </svg>
            <span dir="ltr">ARC Mobile</span>
          </p>
          <h2 className={styles.heading}>{p('heading')}</h2>
          <p className={styles.message}>{p('message')}</p>
          <ol className={styles.steps}>
            {steps.map((s, i) => (
              <li key={i}>
                <span className={styles.number} aria-hidden="true">
                  {new Intl.NumberFormat(lang).format(i + 1)}
                </span>
                <span>
                  <strong>{s.title}</strong>
                  <span className={styles.stepText}>{s.text}</span>
                </span>
              </li>
            ))}
          </ol>
          <div className={styles.scan}>
            <div className={styles.qr} role="img" aria-label={p('scan')} data-testid="poster-qr" dangerouslySetInnerHTML={{ __html: qr }} />
            <div className={styles.scanText}>
              <p className={styles.scanTitle}>{p('scan')}</p>
              <p>{p('orType')}</p>
              <p className={styles.link} data-testid="poster-link">
                <bdi dir="ltr">{printedShortLink(link)}</bdi>
              </p>
            </div>
          </div>
          <p className={styles.help}>
            {p.rich('help', { phone: '1345', num: (chunks) => <bdi dir="ltr" className={styles.phone}>{chunks}</bdi> })}
          </p>
          {/* The organisation's name is isolated (FSI … PDI): a Latin name inside Arabic or Urdu keeps its own order. */}
          <p className={styles.sharedBy}>{p('sharedBy', { organisation: `\u2068${partner.name}\u2069` })}</p>
        </div>
      </article>
    </>
  );
}
