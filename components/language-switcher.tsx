'use client';
// The language switcher: plain links (they work without JavaScript), each
// language named in its own script, each keeping the page the reader is on.
// The path comes from the router, so the server writes the right links into
// prerendered pages too; a query (a booking's search, a card's notice) is
// added once the page runs.
import { useEffect, useState } from 'react';
import { usePathname } from 'next/navigation';
import { endonyms, locales, stripLocale, type Locale } from '@/lib/i18n';

export function LanguageSwitcher({ locale, label }: { locale: Locale; label: string }) {
  const pathname = usePathname() ?? `/${locale}`;
  const [search, setSearch] = useState('');
  useEffect(() => setSearch(window.location.search), [pathname]);
  const rest = stripLocale(pathname) + search;
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
            <a href={`/${l}${rest}`} lang={l} hrefLang={l} aria-current={l === locale ? 'true' : undefined}>
              {endonyms[l]}
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}
