import { getTranslations, setRequestLocale } from 'next-intl/server';
import type { Locale } from '@/lib/i18n';
import { OpenCardLink } from './card/_components/open-card-link';

export default async function HomePage({ params }: PageProps<'/[locale]'>) {
  const { locale } = (await params) as { locale: Locale };
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: 'home' });
  const card = await getTranslations({ locale, namespace: 'card' });
  const enroll = await getTranslations({ locale, namespace: 'enroll' });

  return (
    <div className="home">
      <section className="hero" aria-labelledby="home-heading">
        <h1 id="home-heading">{t('heading')}</h1>
        <p className="lead">{t('intro')}</p>
        <p>{t('sameEffect')}</p>
      </section>

      <OpenCardLink locale={locale} labels={{ heading: card('title'), holds: enroll('phoneHasCard'), open: card('unlock.button') }} />

      <section aria-labelledby="start-heading" className="start">
        <h2 id="start-heading">{t('startTitle')}</h2>
        <ul className="actions">
          <li>
            <a className="button primary" href={`/${locale}/eligibility`}>
              {t('startCheck')}
            </a>
          </li>
          <li>
            <a className="button" href={`/${locale}/guide`}>
              {t('startGuide')}
            </a>
          </li>
          <li>
            <a className="button" href={`/${locale}/enroll`}>
              {t('startGet')}
            </a>
          </li>
        </ul>
      </section>

      <section aria-labelledby="helps-heading">
        <h2 id="helps-heading">{t('helpsTitle')}</h2>
        <ul className="checklist">
          <li>{t('helpsGuide')}</li>
          <li>{t('helpsCheck')}</li>
          <li>{t('helpsGet')}</li>
          <li>{t('helpsVideo')}</li>
        </ul>
      </section>

      <p className="note">{t('offlineNote')}</p>
      <p>
        <a href={`/${locale}/verify`}>{card('more.verifier')}</a>
      </p>
    </div>
  );
}
