// What ARC Mobile keeps about a resident, and where: on the server, never,
// and on the phone only (the device key and the history of what the card
// showed). Plain words; server-rendered, no JavaScript.
import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import type { Locale } from '@/lib/i18n';

const SECTIONS = {
  server: ['personal', 'state', 'audit', 'counts', 'requests'],
  never: ['biometrics', 'shown', 'seen'],
  phone: ['key', 'history', 'clear'],
} as const;

export async function generateMetadata({ params }: PageProps<'/[locale]/privacy'>): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale as Locale, namespace: 'privacy' });
  return { title: t('title') };
}

export default async function PrivacyPage({ params }: PageProps<'/[locale]/privacy'>) {
  const { locale } = (await params) as { locale: Locale };
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: 'privacy' });
  return (
    <div>
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      {(Object.keys(SECTIONS) as (keyof typeof SECTIONS)[]).map((section) => (
        <section key={section} aria-labelledby={`privacy-${section}`} data-testid={`privacy-${section}`}>
          <h2 id={`privacy-${section}`}>{t(`${section}.title`)}</h2>
          <ul className="checklist">
            {SECTIONS[section].map((item) => (
              <li key={item}>{t(`${section}.${item}` as Parameters<typeof t>[0])}</li>
            ))}
          </ul>
        </section>
      ))}
      <p>
        <a href={`/${locale}/card`}>{t('back')}</a>
      </p>
    </div>
  );
}
