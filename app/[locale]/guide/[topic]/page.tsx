// One guide topic, server-rendered in the reader's language: readable with
// JavaScript off; only the read-aloud button ships script of its own.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { hasLocale } from 'next-intl';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { routing } from '@/i18n/routing';
import { guideIndexHref, hrefOf, isTopicSlug, neighbours, topicSlugs, topics } from '@/lib/guidance';
import { ReadAloud } from '@/components/read-aloud';
import { Breadcrumb } from '../_components/breadcrumb';
import { languageAlternates } from '../_components/alternates';
import { guideText, Rich } from '../_components/guide-text';
import { TopicBody } from '../_components/topic-body';
import '../guide.css';

export const dynamicParams = false;

export function generateStaticParams() {
  return routing.locales.flatMap((locale) => topicSlugs.map((topic) => ({ locale, topic })));
}

export async function generateMetadata({ params }: { params: Promise<{ locale: string; topic: string }> }): Promise<Metadata> {
  const { locale, topic } = await params;
  if (!hasLocale(routing.locales, locale) || !isTopicSlug(topic)) return {};
  const g = await guideText(locale);
  return {
    title: g.plain(`topics.${topic}.title`),
    description: g.plain(`topics.${topic}.summary`),
    alternates: languageAlternates(`/guide/${topic}`),
  };
}

export default async function GuideTopicPage({ params }: { params: Promise<{ locale: string; topic: string }> }) {
  const { locale, topic: slug } = await params;
  if (!hasLocale(routing.locales, locale) || !isTopicSlug(slug)) notFound();
  setRequestLocale(locale);
  const g = await guideText(locale);
  const ui = await getTranslations({ locale, namespace: 'guideUi' });
  const shell = await getTranslations({ locale, namespace: 'shell' });
  const topic = topics[slug];
  const { previous } = neighbours(slug);

  return (
    <>
      <Breadcrumb
        label={g.plain('common.breadcrumb')}
        trail={[
          { href: `/${locale}`, text: shell('home') },
          { href: guideIndexHref(locale), text: ui('guide') },
        ]}
        current={g.plain(`index.topics.${slug}`)}
      />
      <article id="guide-content" className="guide-topic" aria-labelledby="topic-title">
        <h1 id="topic-title">{g.plain(`topics.${slug}.title`)}</h1>
        <ReadAloud lang={locale} targetId="guide-content" readLabel={g.plain('common.readAloud')} stopLabel={g.plain('common.stopReading')} />
        <TopicBody topic={topic} g={g} />
      </article>

      <nav className="next-question panel" aria-labelledby="next-heading">
        <h2 id="next-heading">{g.plain('common.nextQuestion')}</h2>
        <a className="button primary" href={hrefOf(locale, topic.next)}>
          {g.plain(`topics.${slug}.next`)}
        </a>
      </nav>

      <nav className="topic-nav" aria-label={g.plain('common.guideNav')}>
        <ul>
          {previous ? (
            <li>
              <a href={hrefOf(locale, { topic: previous })} rel="prev">
                {g.plain('common.previous')}: {g.plain(`index.topics.${previous}`)}
              </a>
            </li>
          ) : null}
          <li>
            <a href={guideIndexHref(locale)}>{g.plain('common.allTopics')}</a>
          </li>
        </ul>
      </nav>

      <p className="note">
        <Rich text={g.rich('common.moreHelp')} />
      </p>
      <p className="note">{g.plain('common.updated')}</p>
    </>
  );
}
