// The web app manifest, one per locale: the installed app opens in the
// language it was installed from, with its name and text direction.
import { hasLocale } from 'next-intl';
import { z } from 'zod';
import { translatorFor } from '@/app/_lib/messages';
import { route } from '@/app/_lib/route';
import { coreErrors } from '@/lib/errors';
import { routing } from '@/i18n/routing';
import { directionOf } from '@/lib/i18n';

export const dynamic = 'force-static';
export const dynamicParams = false;

export function generateStaticParams() {
  return routing.locales.map((locale) => ({ locale }));
}

const icons = [
  { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
  { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
  { src: '/icons/maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
  { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
];

export const GET = route({ noDatabase: true, params: z.object({ locale: z.string() }) }, async ({ params: { locale } }) => {
  if (!hasLocale(routing.locales, locale)) throw coreErrors.create('not_found');
  const t = await translatorFor(locale, 'meta');
  const manifest = {
    // One id for every locale: installing from /vi and from /en is one app.
    id: '/',
    name: t('appName'),
    short_name: t('appShortName'),
    description: t('description'),
    lang: locale,
    dir: directionOf(locale),
    // The home page; a phone that holds a card goes on to it (app/[locale]/card/_components/open-card-link).
    start_url: `/${locale}?launch=app`,
    scope: '/',
    display: 'standalone',
    theme_color: '#0b4f8a',
    background_color: '#ffffff',
    icons,
  };
  return new Response(JSON.stringify(manifest), {
    headers: { 'Content-Type': 'application/manifest+json; charset=utf-8' },
  });
});
