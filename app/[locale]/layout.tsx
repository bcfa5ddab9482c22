import type { Metadata, Viewport } from 'next';
import { notFound } from 'next/navigation';
import { preload } from 'react-dom';
import { hasLocale } from 'next-intl';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { routing } from '@/i18n/routing';
import { directionOf, scriptFonts, type Locale } from '@/lib/i18n';
import { LATE_FONT_SCRIPT, fontFaceFor } from './_lib/font-faces';
import { LanguageSwitcher } from '@/components/language-switcher';
import { DemoBanner, DemoOnly } from '@/components/demo-banner';
import { readConfig } from '@/lib/config';
import { RegisterServiceWorker } from '@/components/register-service-worker';
import '../globals.css';

export function generateStaticParams() {
  return routing.locales.map((locale) => ({ locale }));
}

export async function generateMetadata({ params }: LayoutProps<'/[locale]'>): Promise<Metadata> {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) return {};
  const t = await getTranslations({ locale, namespace: 'meta' });
  return {
    title: { default: t('title'), template: `%s · ${t('appName')}` },
    description: t('description'),
    applicationName: t('appName'),
    manifest: `/${locale}/manifest.webmanifest`,
    icons: { icon: '/icons/icon-192.png', apple: '/icons/apple-touch-icon.png' },
    appleWebApp: { capable: true, title: t('appShortName'), statusBarStyle: 'default' },
    alternates: {
      // Absolute addresses: hreflang ignores relative ones (Lighthouse's SEO audit).
      languages: Object.fromEntries(routing.locales.map((l) => [l, `${readConfig().origins[0] ?? ''}/${l}`])),
    },
  };
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: '#0b4f8a',
};

export default async function LocaleLayout({ children, params }: LayoutProps<'/[locale]'>) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: 'shell' });
  const face = scriptFonts[locale as Locale] ? fontFaceFor(locale as Locale) : null;
  // Fetched at once. React's preload() writes one <link rel="preload"> in the head; a <link> element
  // written here as well came out twice in the prerendered pages. A late font (Urdu: a stand-in
  // draws the first paint) is not preloaded: it is asked for after that paint (LATE_FONT_SCRIPT).
  if (face?.preload) preload(face.preload, { as: 'font', type: 'font/woff2', crossOrigin: 'anonymous' });

  return (
    <html lang={locale} dir={directionOf(locale)}>
      <head>
        {/* The locale's own cut of its script font: rules inline (no stylesheet to wait for; the page's
            Content-Security-Policy vouches for them by their hash, proxy.ts), its one file preloaded (above),
            or, for a late font, the one-line switch that asks for it after the first paint, and the rule
            that asks for it at once when scripts do not run. */}
        {face ? <style dangerouslySetInnerHTML={{ __html: face.css }} /> : null}
        {face && !face.preload ? <script dangerouslySetInnerHTML={{ __html: LATE_FONT_SCRIPT }} /> : null}
        {face?.noscript ? <noscript dangerouslySetInnerHTML={{ __html: `<style>${face.noscript}</style>` }} /> : null}
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t('skipToContent')}
        </a>
        <header className="site-header">
          <DemoBanner locale={locale as Locale} />
          <a className="brand" href={`/${locale}`}>
            <svg aria-hidden="true" width="28" height="28" viewBox="0 0 32 32">
              <rect x="2" y="6" width="28" height="20" rx="4" fill="currentColor" />
              <rect x="6" y="11" width="8" height="10" rx="1.5" fill="#0b4f8a" />
              <rect x="17" y="12" width="10" height="2" rx="1" fill="#0b4f8a" />
              <rect x="17" y="17" width="7" height="2" rx="1" fill="#0b4f8a" />
            </svg>
            <span>ARC Mobile</span>
          </a>
          <LanguageSwitcher locale={locale} label={t('language')} />
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>{t('footerNote')}</p>
          <p>{t('helpLine', { phone: '1345' })}</p>
          <p>
            <a href={`/${locale}/transparency`}>{t('transparencyLink')}</a>
          </p>
          <DemoOnly>
            <p className="demo-note">{t('notOfficial')}</p>
          </DemoOnly>
        </footer>
        <RegisterServiceWorker locale={locale} />
      </body>
    </html>
  );
}
