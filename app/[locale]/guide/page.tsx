// The guide's index: every topic in reading order, each with its summary.
import type { Metadata } from 'next';
import { hasLocale } from 'next-intl';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { routing } from '@/i18n/routing';
import { hrefOf, topicSlugs } from '@/lib/guidance';
import { ReadAloud } from '@/components/read-aloud';
import { Breadcrumb } from './_components/breadcrumb';
import { languageAlternates } from './_components/alternates';
import { guideText, Rich } from './_components/guide-text';
import './guide.css';

export function generateStaticParams() {
  return routing.locales.map((locale) => ({ locale }));
}

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) return {};
  const g = await guideText(locale);
  return {
    title: g.plain('index.title'),
    description: g.plain('index.intro'),
    alternates: languageAlternates('/guide'),
  };
}

export default async function GuideIndexPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const g = await guideText(locale);
  const ui = await getTranslations({ locale, namespace: 'guideUi' });
  const shell = await getTranslations({ locale, namespace: 'shell' });

  return (
    <>
      <Breadcrumb label={g.plain('common.breadcrumb')} trail={[{ href: `/${locale}`, text: shell('home') }]} current={ui('guide')} />
      <article id="guide-content" className="guide-index" aria-labelledby="guide-title">
        <h1 id="guide-title">{g.plain('index.title')}</h1>
        <ReadAloud lang={locale} targetId="guide-content" readLabel={g.plain('common.readAloud')} stopLabel={g.plain('common.stopReading')} />
        <p className="lead">{g.plain('index.intro')}</p>
        <p>
          <a href={hrefOf(locale, { topic: topicSlugs[0] })}>{g.plain('index.startHere')}</a>
        </p>
        <h2 id="topics-heading">{g.plain('index.topicsHeading')}</h2>
        <ol className="topic-list" aria-labelledby="topics-heading">
          {topicSlugs.map((slug) => (
            <li key={slug}>
              <a href={hrefOf(locale, { topic: slug })} className="topic-link">
                {g.plain(`index.topics.${slug}`)}
              </a>
              <p className="topic-summary">
                {/* Rich: a phone number in a summary (help) is one unbroken, tappable link. */}
                <Rich text={g.rich(`topics.${slug}.summary`)} />
              </p>
            </li>
          ))}
        </ol>
      </article>
      <p className="cta">
        <a className="button primary" href={hrefOf(locale, { page: 'checker' })}>
          {g.plain('index.checkCta')}
        </a>
      </p>
      <p className="note">
        <Rich text={g.rich('common.moreHelp')} />
      </p>
    </>
  );
}
