// The API's one error body for the refusals Next.js writes itself, before any
// route handler runs: a method a route does not export (405 with no body), an
// address under /api that no route has (Next's HTML 404 page), a method Node
// reads but Next does not (PROPFIND: 400 with no body). Each goes out as
// {"error": {code, message, params}} in the request's language, as every
// route handler's refusal does (app/_lib/route.ts). Everything else passes
// through as it is written.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_POLICY } from '@/lib/security';
import { heldWrite } from './held-write';

const CODES = { 400: 'bad_request', 404: 'not_found', 405: 'method_not_allowed', 413: 'payload_too_large', 415: 'unsupported_media_type' } as const;
type Status = keyof typeof CODES;
export type ApiErrorCode = (typeof CODES)[Status];

const isJson = (type: unknown) => /\bjson\b/i.test(String(type ?? ''));

/**
 * Watches one response to a request under /api/: a refusal Next.js writes
 * without a JSON body is replaced by the app's error body (`errorBody`), as
 * long as its head has not gone out yet; else it is left as it is.
 */
export function watchApiRefusals(
  req: IncomingMessage,
  res: ServerResponse,
  errorBody: (req: IncomingMessage, code: ApiErrorCode) => { code: string; message: string; params: Record<string, never> },
): void {
  if (!(req.url ?? '').startsWith('/api/')) return;
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  const flushHeaders = res.flushHeaders.bind(res);
  // Decided once, before the head goes out (Next.js flushes it before an empty body, or calls
  // writeHead) or at the first write or the end: the status and type are set by then.
  let replacing: boolean | null = null;
  // The error body's headers. Again as the head goes out: Next's compression sets its encoding then
  // (its writeHead runs before this one), and the error body goes out plain.
  const scrub = () => {
    if (res.headersSent) return;
    for (const name of ['content-length', 'content-encoding', 'etag', 'vary', 'link', 'x-nextjs-cache', 'x-nextjs-prerender', 'x-nextjs-stale-time']) res.removeHeader(name);
    res.setHeader('content-type', 'application/json');
    res.setHeader('cache-control', 'no-store');
    res.setHeader('content-security-policy', API_POLICY);
    if (res.statusCode === 405 && !res.hasHeader('allow')) res.setHeader('allow', 'GET, HEAD, POST, OPTIONS');
  };
  const decide = () => {
    if (replacing === null) {
      replacing = !res.headersSent && res.statusCode in CODES && !isJson(res.getHeader('content-type'));
      if (replacing) scrub();
    }
    return replacing;
  };
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    // Headers given here (as an object) join the response's first, so that the decision sees them.
    if (replacing === null && !res.headersSent && !rest.some(Array.isArray)) {
      const given = rest.find((r): r is Record<string, string | number | string[]> => typeof r === 'object' && r !== null);
      for (const [name, value] of Object.entries(given ?? {})) res.setHeader(name, value);
      res.statusCode = status;
      decide();
      return writeHead(status, ...rest.filter((r) => typeof r === 'string'));
    }
    if (replacing) {
      scrub();
      return writeHead(status, ...rest.filter((r) => typeof r === 'string'));
    }
    return writeHead(status, ...rest);
  }) as typeof res.writeHead;
  res.flushHeaders = () => {
    decide();
    flushHeaders();
  };
  res.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
    if (!decide()) return write(chunk, encoding, callback);
    // Next's own body for the refusal (an HTML page): dropped, the error body goes out at the end.
    return heldWrite(encoding, callback);
  }) as typeof res.write;
  res.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
    if (!decide()) return end(chunk, encoding, callback);
    const text = JSON.stringify({ error: errorBody(req, CODES[res.statusCode as Status]) });
    if (!res.headersSent) res.setHeader('content-length', Buffer.byteLength(text));
    const done = [chunk, encoding, callback].find((a) => typeof a === 'function');
    return end(req.method === 'HEAD' ? undefined : text, done);
  }) as typeof res.end;
}
