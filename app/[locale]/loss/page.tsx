// Reporting a lost phone (which locks the card from any device) belongs to
// a later issue. Until it is built, this page says so plainly and gives
// what works today: call 1345 at once, keep using the plastic card, get the
// card again on a new phone. Server-rendered; works with JavaScript off.
import type { Metadata } from 'next';
import { hasLocale } from 'next-intl';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { hrefOf } from '@/lib/guidance';
import { routing } from '@/lib/i18n/routing';
import { CallButton, interimText, Rich } from '../_interim/interim-text';

export function generateStaticParams() {
  return routing.locales.map((locale) => ({ locale }));
}

export async function generateMetadata({ params }: PageProps<'/[locale]/loss'>): Promise<Metadata> {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) return {};
  const t = await interimText(locale, 'loss');
  return { title: t('title') };
}

export default async function LossPage({ params }: PageProps<'/[locale]/loss'>) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const t = await interimText(locale, 'loss');
  const guide = await getTranslations({ locale, namespace: 'guide.index.topics' });

  return (
    <>
      <h1>{t('title')}</h1>
      <p className="lead">{t('lead')}</p>
      <p className="panel">{t('notYet')}</p>

      <h2>{t('nowTitle')}</h2>
      <ol className="checklist">
        <li>
          <Rich text={t('call')} />
        </li>
        <li>{t('plastic')}</li>
        <li>{t('newPhone')}</li>
      </ol>
      <ul className="actions">
        <li>
          <CallButton label={t('callNow')} primary />
        </li>
        <li>
          <a className="button" href={`/${locale}/enroll/reissue`}>
            {t('reissueLink')}
          </a>
        </li>
      </ul>
      <p className="note">{t('safe')}</p>

      <h2 id="guide-links">{t('guideTitle')}</h2>
      <ul aria-labelledby="guide-links">
        <li>
          <a href={hrefOf(locale, { topic: 'change-or-lose-phone' })}>{guide('change-or-lose-phone')}</a>
        </li>
        <li>
          <a href={hrefOf(locale, { topic: 'help' })}>{guide('help')}</a>
        </li>
      </ul>
    </>
  );
}
