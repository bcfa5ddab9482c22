// The language switcher: plain links (no JavaScript), each language named in
// its own script, each keeping the page the reader is on.
import { headers } from 'next/headers';
import { endonyms, locales, PATH_HEADER, stripLocale, type Locale } from '@/lib/i18n';

export async function LanguageSwitcher({ locale, label }: { locale: Locale; label: string }) {
  const current = (await headers()).get(PATH_HEADER) ?? `/${locale}`;
  const rest = stripLocale(current);
  return (
    <details className="lang-switcher">
      <summary>
        <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
          <circle cx="12" cy="12" r="10" />
          <path d="M2 12h20M12 2a15 15 0 0 1 0 20M12 2a15 15 0 0 0 0 20" />
        </svg> {label}: <span lang={locale}>{endonyms[locale]}</span>
      </summary>
      <ul>
        {locales.map((l) => (
          <li key={l}>
            <a
              href={`/${l}${rest}`}
              lang={l}
              hrefLang={l}
              aria-current={l === locale ? 'true' : undefined}
            >
              {endonyms[l]}
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}
