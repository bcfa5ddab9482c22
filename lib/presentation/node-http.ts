// POST /api/presentations/verify on Node's own http objects, for a server
// that answers this one hot endpoint before handing every other request to
// Next.js: a verifier's check then costs a body read, a signature check and
// a lookup in the in-process status view, without the framework's
// per-request pipeline (measured on the 2-core machine: about 0.6 ms a
// request, several times the verification itself). Same contract, limits
// and statuses as the route handler (app/api/presentations/verify), whose
// error bodies also carry the app's {error} object.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { MAX_VERIFY_BODY_BYTES } from './http';
import type { PresentationDeps } from './deps';
import { verifyPresentation } from './verify';
import { API_POLICY, SECURITY_HEADERS } from '@/lib/security';

export const VERIFY_PATH = '/api/presentations/verify';

/** True when this request is a verification this handler answers. */
export function isVerifyRequest(req: IncomingMessage): boolean {
  if (req.method !== 'POST' || !req.url) return false;
  const q = req.url.indexOf('?');
  return (q < 0 ? req.url : req.url.slice(0, q)) === VERIFY_PATH;
}

type VerifyAnswer = { status: 200 | 400 | 413 | 503; body: { valid: boolean; reason?: string; claims?: unknown } };

const verifyBody = z.object({ token: z.string() });

/** The answer to a parsed body ({token}). */
async function answerVerifyBody(value: unknown, getDeps: () => Promise<PresentationDeps>): Promise<VerifyAnswer> {
  const parsed = verifyBody.safeParse(value);
  if (!parsed.success) return { status: 400, body: { valid: false, reason: 'bad_request' } };
  let deps: PresentationDeps;
  try {
    deps = await getDeps();
  } catch {
    return { status: 503, body: { valid: false, reason: 'status_unavailable' } };
  }
  try {
    return { status: 200, body: await verifyPresentation(deps, parsed.data.token) };
  } catch {
    // verifyPresentation answers every input; only the database failing mid-way gets here.
    return { status: 503, body: { valid: false, reason: 'status_unavailable' } };
  }
}

function send(res: ServerResponse, answer: VerifyAnswer): void {
  const text = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...SECURITY_HEADERS,
    'Content-Security-Policy': API_POLICY,
  });
  res.end(text);
}

/** Answers a verification on the raw Node request/response; never throws. */
export function serveVerify(req: IncomingMessage, res: ServerResponse, getDeps: () => Promise<PresentationDeps>): void {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (Number.isFinite(declared) && declared > MAX_VERIFY_BODY_BYTES) {
    send(res, { status: 413, body: { valid: false, reason: 'too_large' } });
    req.resume();
    return;
  }
  const chunks: Buffer[] = [];
  let total = 0;
  let done = false;
  req.on('data', (chunk: Buffer) => {
    if (done) return;
    total += chunk.length;
    if (total > MAX_VERIFY_BODY_BYTES) {
      done = true;
      send(res, { status: 413, body: { valid: false, reason: 'too_large' } });
      req.resume();
      return;
    }
    chunks.push(chunk);
  });
  req.on('error', () => {
    if (done) return;
    done = true;
    send(res, { status: 400, body: { valid: false, reason: 'bad_request' } });
  });
  req.on('end', () => {
    if (done) return;
    done = true;
    let value: unknown;
    try {
      value = JSON.parse(Buffer.concat(chunks, total).toString('utf8'));
    } catch {
      send(res, { status: 400, body: { valid: false, reason: 'bad_request' } });
      return;
    }
    answerVerifyBody(value, getDeps).then(
      (answer) => send(res, answer),
      () => send(res, { status: 503, body: { valid: false, reason: 'status_unavailable' } }),
    );
  });
}
