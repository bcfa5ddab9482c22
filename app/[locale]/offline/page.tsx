// The offline page, in the reader's language. The service worker serves it
// (from its cache) in place of a page that cannot be loaded offline, under
// the address the reader asked for — so "Try again", a plain link to the
// current address, retries the page they wanted, with no JavaScript.
import type { Metadata } from 'next';
import { hasLocale } from 'next-intl';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { routing } from '@/i18n/routing';

export function generateStaticParams() {
  return routing.locales.map((locale) => ({ locale }));
}

export async function generateMetadata({ params }: PageProps<'/[locale]/offline'>): Promise<Metadata> {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) return {};
  const t = await getTranslations({ locale, namespace: 'offline' });
  return { title: t('title'), robots: { index: false } };
}

export default async function OfflinePage({ params }: PageProps<'/[locale]/offline'>) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) return null;
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: 'offline' });

  return (
    <section className="offline panel" aria-labelledby="offline-heading">
      <h1 id="offline-heading">{t('title')}</h1>
      <p>{t('body')}</p>
      <ul className="actions">
        <li>
          {/* An empty href is the current address: the page the reader wanted. */}
          <a className="button primary" href="" data-retry>
            {t('retry')}
          </a>
        </li>
        <li>
          <a className="button" href={`/${locale}`}>
            {t('home')}
          </a>
        </li>
      </ul>
    </section>
  );
}
