// Requests Next.js cannot even read, answered by the production server
// (scripts/server.ts) before they reach it. Next answered each with a bare
// 500, and a 5xx for a malformed request is the server's fault by every
// reading:
// - a path with broken percent-encoding (a link cut in the middle of a
//   character, "/en/guide/%E0%A4%A"): its route matcher throws decoding the
//   parameter → 400 bad_request;
// - TRACE, TRACK or CONNECT: the fetch Request Next builds refuses these
//   methods → 405 method_not_allowed;
// - a multipart form posted to a page (what a form without JavaScript
//   sends to a server action) whose body is not multipart at all, or cut
//   short: Next parses it as an action's form and threw → 400 bad_request;
// - a server action call (a `Next-Action` header) whose arguments React
//   cannot decode ("[", ["$Q1"], a reference to a part that is not there):
//   Next answers 500 before any code of ours runs. Every action goes
//   through app/_lib/action.ts's wrapper, which answers its own errors, so
//   a 500 to such a call is the framework refusing what it could not read:
//   it goes out as 400, with a log line (refuseUndecodableActionCalls).
// The API's one error body under /api; elsewhere a short page in the path's
// language (its first segment, when that is a locale) with a link home. The
// headers every answer carries (lib/security).
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { API_POLICY, SECURITY_HEADERS } from '@/lib/security';
import { directionOf, isLocale, pickLocale, type Locale } from '@/lib/i18n';
import { currentRequestId } from './request-log';

/** Methods the fetch standard forbids in a Request: Next.js cannot handle them. */
const UNREADABLE_METHODS = new Set(['TRACE', 'TRACK', 'CONNECT']);

/** Whether every segment of the URL's path decodes (the query is the page's to read). */
export function isDecodablePath(url: string | undefined): boolean {
  const pathname = (url ?? '/').split(/[?#]/, 1)[0]!;
  if (!pathname.includes('%')) return true;
  try {
    for (const segment of pathname.split('/')) decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

/** A file's address outside /api (a manifest, the service worker, a script): its last segment has an extension. */
function isFileAddress(url: string | undefined): boolean {
  const pathname = (url ?? '/').split(/[?#]/, 1)[0]!;
  return !pathname.startsWith('/api/') && /\/[^/]*[^/.]\.[A-Za-z0-9]{1,16}$/.test(pathname);
}

/**
 * What is wrong with a request Next.js could not read, or null when it can.
 * A file is only read: another method on it is refused (Next.js served a
 * prerendered file to a DELETE or a POST from anywhere, with 200).
 */
export function unreadable(req: Pick<IncomingMessage, 'method' | 'url'>): { status: 400; code: 'bad_request' } | { status: 405; code: 'method_not_allowed' } | null {
  const method = (req.method ?? '').toUpperCase();
  if (UNREADABLE_METHODS.has(method)) return { status: 405, code: 'method_not_allowed' };
  if (!isDecodablePath(req.url)) return { status: 400, code: 'bad_request' };
  if (method !== 'GET' && method !== 'HEAD' && isFileAddress(req.url)) return { status: 405, code: 'method_not_allowed' };
  return null;
}

/** A multipart form posted to a page (not /api): Next.js reads it as a server action's form. */
export function isPageFormPost(req: Pick<IncomingMessage, 'method' | 'url' | 'headers'>): boolean {
  const type = req.headers['content-type'] ?? '';
  return req.method === 'POST' && !(req.url ?? '').startsWith('/api/') && /^multipart\/form-data\b/i.test(type);
}

/** Whether the body parses as the form its content type says (the same parser Next.js uses: undici's). */
export async function isReadableForm(contentType: string, body: Buffer): Promise<boolean> {
  try {
    // (A Buffer is a Uint8Array; the DOM types ask for one over a plain ArrayBuffer.)
    await new Response(body as Uint8Array<ArrayBuffer>, { headers: { 'content-type': contentType } }).formData();
    return true;
  } catch {
    return false;
  }
}

/**
 * For a server action call: a 500 that Next.js answers goes out as 400 (the
 * body is Next's own error payload, which the calling page shows as a
 * failed action), with a warning line (no path: a booking's address is its secret; never the body).
 */
export function refuseUndecodableActionCalls(req: IncomingMessage, res: ServerResponse, log: (line: string) => void): void {
  // An empty Next-Action header counts: Next.js takes it for an action call and fails an invariant (500).
  if (req.headers['next-action'] === undefined) return;
  const writeHead = res.writeHead;
  // Node calls writeHead for an implicit head too (res.statusCode then end), so this sees every answer.
  res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    if (status === 500) {
      log(JSON.stringify({ level: 'warn', where: 'server', code: 'action_unreadable', status: 400 }));
      status = 400;
      this.statusCode = 400;
    }
    return (writeHead as (...args: unknown[]) => ServerResponse).call(this, status, ...rest);
  } as ServerResponse['writeHead'];
}

/** What the server itself answers: a request Next.js cannot read, or one too large for a page to take. */
export type ServerRefusal =
  | { status: 400; code: 'bad_request' }
  | { status: 405; code: 'method_not_allowed' }
  | { status: 413; code: 'payload_too_large' };

type ServerErrorCode = ServerRefusal['code'] | 'database_unavailable' | 'not_found' | 'unsupported_media_type';
type Words = { errors: Record<ServerErrorCode, string>; home: string };
const wordsCache = new Map<Locale, Words>();

function wordsFor(locale: Locale): Words {
  let words = wordsCache.get(locale);
  if (!words) {
    const messages = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'messages', `${locale}.json`), 'utf8')) as {
      errors: Words['errors'];
      notFound: { home: string };
    };
    words = { errors: messages.errors, home: messages.notFound.home };
    wordsCache.set(locale, words);
  }
  return words;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The language of an answer the server gives itself: the path's first
 * segment when it is a locale (a page), else as the route wrapper picks it
 * (?locale=, the NEXT_LOCALE cookie, Accept-Language), read from the raw
 * request: its address may not even decode.
 */
export function localeOfRaw(req: Pick<IncomingMessage, 'url' | 'headers'>): Locale {
  const url = req.url ?? '/';
  const first = url.split(/[/?#]/)[1] ?? '';
  if (isLocale(first)) return first;
  const named = /[?&]locale=([A-Za-z-]{2,5})(?:&|#|$)/.exec(url)?.[1];
  const cookie = /(?:^|;\s*)NEXT_LOCALE=([A-Za-z-]{2,5})(?:;|$)/.exec(req.headers.cookie ?? '')?.[1];
  const accept = req.headers['accept-language'];
  return pickLocale(named, cookie, typeof accept === 'string' ? accept : undefined);
}

/** The app's one error object for a code the server answers itself, in the request's language. */
export function serverErrorBody(req: Pick<IncomingMessage, 'url' | 'headers'>, code: ServerErrorCode): { code: string; message: string; params: Record<string, never> } {
  return { code, message: wordsFor(localeOfRaw(req)).errors[code], params: {} };
}

/** Answers a request the server refuses itself (`unreadable`, or a page post over the size limit), with a log line. */
export function answerUnreadable(req: IncomingMessage, res: ServerResponse, problem: ServerRefusal): void {
  const locale = localeOfRaw(req);
  const words = wordsFor(locale);
  const message = words.errors[problem.code];
  // The same line the route wrapper writes for a refusal: the request's id, where, the code; never the address (a booking's is its secret).
  console.log(JSON.stringify({ level: 'info', requestId: currentRequestId(), where: 'server', code: problem.code, status: problem.status }));
  const headers: Record<string, string> = { ...SECURITY_HEADERS, 'cache-control': 'no-store' };
  if (problem.status === 405) headers.allow = isFileAddress(req.url) ? 'GET, HEAD' : 'GET, HEAD, POST, OPTIONS';
  // The body is read and dropped; the connection stays usable.
  req.resume();
  if ((req.url ?? '').startsWith('/api/')) {
    res.writeHead(problem.status, { ...headers, 'content-type': 'application/json', 'content-security-policy': API_POLICY });
    res.end(JSON.stringify({ error: { code: problem.code, message, params: {} } }));
    return;
  }
  const page =
    `<!doctype html><html lang="${locale}" dir="${directionOf(locale)}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>ARC Mobile</title></head>` +
    `<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.6">` +
    `<h1 style="font-size:1.4rem">${escapeHtml(message)}</h1><p><a href="/${locale}">${escapeHtml(words.home)}</a></p></body></html>`;
  res.writeHead(problem.status, {
    ...headers,
    'content-type': 'text/html; charset=utf-8',
    // No script, no style sheet: the inline style attributes are all it has.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  });
  res.end(req.method === 'HEAD' ? undefined : page);
}

/**
 * A request Node's own parser refuses (a method it does not know, raw bytes
 * in the request line, headers too large): Node wrote a bare 400 with no
 * body. The API's one error body instead, in English (nothing of the
 * request, its language included, could be read), and a log line.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const body = JSON.stringify({ error: { code: 'bad_request', message: wordsFor('en').errors.bad_request, params: {} } });
  console.log(JSON.stringify({ level: 'info', where: 'server', code: 'bad_request', status, parser: String(error.code ?? 'unknown').slice(0, 40) }));
  const head = [
    `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}`,
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    ...Object.entries({ ...SECURITY_HEADERS, 'content-security-policy': API_POLICY }).map(([name, value]) => `${name}: ${value}`),
    'Connection: close',
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}
