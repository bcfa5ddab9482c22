// The page for an address that leads nowhere — a booking link cut short in an
// SMS, a mistyped guide page, a card code that was never issued — in the
// reader's language, inside the site's frame (its header, language choice
// and footer, which carries the help line), with the way home. Status 404.
import { getLocale, getTranslations } from 'next-intl/server';

export default async function NotFound() {
  const locale = await getLocale();
  const [t, meta] = await Promise.all([getTranslations({ locale, namespace: 'notFound' }), getTranslations({ locale, namespace: 'meta' })]);
  return (
    <section className="panel" aria-labelledby="not-found-heading" data-testid="not-found">
      <title>{`${t('title')} · ${meta('appName')}`}</title>
      <h1 id="not-found-heading">{t('title')}</h1>
      <p>{t('body')}</p>
      <ul className="actions">
        <li>
          <a className="button primary" href={`/${locale}`}>
            {t('home')}
          </a>
        </li>
      </ul>
    </section>
  );
}
