// The "page not found" a browser without JavaScript can read.
//
// A page that calls notFound() — a booking link cut short in an SMS, a guide
// topic that does not exist, any address under a language that no page
// answers — is answered by Next.js 16 in production with status 404 and an
// empty document, `<html id="__next_error__">`: the page in the reader's
// language (app/[locale]/not-found.tsx) is only in the React payload, drawn
// when the scripts run (vercel/next.js#98295, #62228). With scripts off, or
// before they arrive on a slow phone, the resident sees a blank page.
//
// So, for a GET whose answer is that empty 404 document, this server mends
// the document before it goes out: `lang` and `dir` on <html>, and in
// <noscript> the same page as app/[locale]/not-found.tsx (its title, the
// site's stylesheets, header, the message, the way home, and the footer with
// the help line, and the demo's notes while it serves the demo), from the
// same messages. With scripts on, <noscript> is inert and React draws the
// page as before.
import { gunzipSync, gzipSync, brotliCompressSync, brotliDecompressSync, inflateSync, deflateSync } from 'node:zlib';
import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';
import { createTranslator } from 'next-intl';
import { directionOf, isLocale, type Locale } from '@/lib/i18n';
import { heldWrite } from './held-write';

const EMPTY_SHELL = '<html id="__next_error__">';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

type Messages = typeof import('../messages/en.json');
const messageCache = new Map<Locale, Messages>();
function messagesOf(locale: Locale): Messages {
  let messages = messageCache.get(locale);
  if (!messages) {
    messages = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'messages', `${locale}.json`), 'utf8')) as Messages;
    messageCache.set(locale, messages);
  }
  return messages;
}

/** The locale an address is under (`/ne/…` → ne), or null. */
export function localeOfPath(url: string | undefined): Locale | null {
  const first = (url ?? '').split(/[/?#]/)[1];
  return isLocale(first) ? first : null;
}

/**
 * The empty 404 document mended: `lang`/`dir` on <html>, and the not-found
 * page inside <noscript> in the head (title, stylesheets) and the body. The
 * stylesheets are the ones the document's own payload names. A document that
 * is not the empty one comes back unchanged.
 */
export function mendEmptyNotFound(html: string, locale: Locale, { demo }: { demo: boolean }): string {
  if (!html.includes(EMPTY_SHELL)) return html;
  const messages = messagesOf(locale);
  const t = createTranslator({ locale, messages });
  const title = `${t('notFound.title')} · ${t('meta.appName')}`;
  const stylesheets = [...new Set(Array.from(html.matchAll(/\/_next\/static\/[^"'\\\s]+\.css/g), (m) => m[0]))];
  // In the head, a <noscript> may hold only <link>, <meta> and <style>: the
  // parser, with scripts off, closes it at <title> and puts the title in the
  // head. With scripts on the whole <noscript> is text, and there is no title
  // for React's own to meet. It goes first (after the charset): the document
  // already has the site's default title, and the first title is the one shown.
  const head =
    `<noscript>${stylesheets.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}"/>`).join('')}` +
    `<title>${escapeHtml(title)}</title></noscript>`;
  const body =
    '<noscript>' +
    (demo ? `<p class="demo-note">${escapeHtml(t('shell.demoBanner'))}</p>` : '') +
    `<header class="site-header"><a class="brand" href="/${locale}"><span>ARC Mobile</span></a></header>` +
    '<main id="main" tabindex="-1">' +
    '<section class="panel" aria-labelledby="not-found-heading" data-testid="not-found">' +
    `<h1 id="not-found-heading">${escapeHtml(t('notFound.title'))}</h1>` +
    `<p>${escapeHtml(t('notFound.body'))}</p>` +
    `<ul class="actions"><li><a class="button primary" href="/${locale}">${escapeHtml(t('notFound.home'))}</a></li></ul>` +
    '</section></main>' +
    '<footer class="site-footer">' +
    `<p>${escapeHtml(t('shell.footerNote'))}</p>` +
    `<p>${escapeHtml(t('shell.helpLine', { phone: '1345' }))}</p>` +
    `<p><a href="/${locale}/transparency">${escapeHtml(t('shell.transparencyLink'))}</a></p>` +
    (demo ? `<p class="demo-note">${escapeHtml(t('shell.notOfficial'))}</p>` : '') +
    '</footer></noscript>';
  return html
    .replace(EMPTY_SHELL, `<html id="__next_error__" lang="${locale}" dir="${directionOf(locale)}">`)
    .replace(/<head>(<meta charSet="utf-8"\/>)?/i, (opening) => `${opening}${head}`)
    .replace('<body>', `<body>${body}`);
}

type Coding = { decode: (b: Buffer) => Buffer; encode: (b: Buffer) => Buffer };
const codings: Record<string, Coding> = {
  identity: { decode: (b) => b, encode: (b) => b },
  gzip: { decode: gunzipSync, encode: (b) => gzipSync(b) },
  br: { decode: brotliDecompressSync, encode: (b) => brotliCompressSync(b) },
  deflate: { decode: inflateSync, encode: (b) => deflateSync(b) },
};

/**
 * Watches one response: when it turns out to be an HTML 404 to a GET under a
 * locale, its body is held back (it is small), mended, and sent whole. Any
 * other response passes through untouched, as it is written. Call before the
 * request handler (which may compress: the body is decoded and encoded again).
 */
export function watchForEmptyNotFound(req: http.IncomingMessage, res: http.ServerResponse, options: { demo: boolean }): void {
  const locale = req.method === 'GET' ? localeOfPath(req.url) : null;
  if (!locale) return;
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => http.ServerResponse;
  const held: Buffer<ArrayBufferLike>[] = [];
  let holding: boolean | null = null;
  const decide = () => {
    if (holding === null) {
      const type = String(res.getHeader('content-type') ?? '');
      const coding = String(res.getHeader('content-encoding') ?? 'identity').toLowerCase();
      holding = res.statusCode === 404 && type.startsWith('text/html') && coding in codings;
    }
    return holding;
  };
  const keep = (chunk: unknown, encoding: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    if (Buffer.isBuffer(chunk)) held.push(chunk);
    else if (chunk instanceof Uint8Array) held.push(Buffer.from(chunk));
    else held.push(Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
  };
  res.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
    if (!decide()) return write(chunk, encoding, callback);
    keep(chunk, encoding);
    return heldWrite(encoding, callback);
  }) as typeof res.write;
  res.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
    if (!decide()) return end(chunk, encoding, callback);
    keep(chunk, encoding);
    const coding = codings[String(res.getHeader('content-encoding') ?? 'identity').toLowerCase()]!;
    let body: Buffer<ArrayBufferLike> = Buffer.concat(held);
    // A length already sent cannot change: then the body goes as it came.
    const lengthSent = res.headersSent && res.hasHeader('content-length');
    if (!lengthSent) {
      try {
        const html = coding.decode(body).toString('utf8');
        const mended = mendEmptyNotFound(html, locale, options);
        if (mended !== html) body = coding.encode(Buffer.from(mended, 'utf8'));
      } catch {
        // Not what it said it was: sent as it came.
      }
      if (res.hasHeader('content-length')) res.setHeader('content-length', body.length);
    }
    const done = typeof chunk === 'function' ? chunk : typeof encoding === 'function' ? encoding : callback;
    return end(body, typeof done === 'function' ? done : undefined);
  }) as typeof res.end;
}
