// A language named in its own language and script, in that script's font,
// and the script fonts' stylesheets a page of endonyms needs. Each sheet's
// @font-face rules carry a unicode-range, so a browser downloads a script's
// font only when a name in that script is on the page. (Each sheet also sets
// the page's --script-font; the page's own comes back after them.)
import { directionOf, endonyms, scriptFonts, type Locale } from '@/lib/i18n';
import { posterFont, scriptFontVariable } from '@/lib/outreach';
import { pageNonce } from '@/app/_lib/nonce';

export function Endonym({ locale }: { locale: Locale }) {
  return (
    <span lang={locale} dir={directionOf(locale)} style={scriptFonts[locale] ? { fontFamily: posterFont(locale).family } : undefined}>
      {endonyms[locale]}
    </span>
  );
}

export async function ScriptFontSheets({ pageLocale }: { pageLocale: Locale }) {
  const nonce = await pageNonce();
  const sheets = [...new Set(Object.values(scriptFonts))];
  return (
    <>
      {sheets.map((script) => (
        <link key={script} rel="stylesheet" href={`/fonts/${script}.css`} />
      ))}
      <style nonce={nonce} dangerouslySetInnerHTML={{ __html: `:root{--script-font:${scriptFontVariable(pageLocale) ?? 'system-ui'}}` }} />
    </>
  );
}

/** Several languages, each in its own script, separated by a middle dot. */
export function EndonymList({ locales }: { locales: readonly Locale[] }) {
  return (
    <>
      {locales.map((l, i) => (
        <span key={l}>
          {i > 0 ? ' · ' : ''}
          <Endonym locale={l} />
        </span>
      ))}
    </>
  );
}
