// POST /api/presentations/verify on Node's own http objects, for a server
// that answers this one hot endpoint before handing every other request to
// Next.js: a verifier's check then costs a body read, a signature check and
// a lookup in the in-process status view, without the framework's
// per-request pipeline (measured on the 2-core machine: about 0.6 ms a
// request, several times the verification itself). Same contract, limits
// and statuses as the route handler (app/api/presentations/verify); its
// refusals carry the app's {error} object beside {valid, reason} as the
// route handler's do, when the server passes `refusal` (scripts/server.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { MAX_VERIFY_BODY_BYTES } from './http';
import type { PresentationDeps } from './deps';
import { verifyPresentation } from './verify';
import { API_POLICY, SECURITY_HEADERS } from '@/lib/security';

export const VERIFY_PATH = '/api/presentations/verify';

/**
 * True when this request is a verification this handler answers: a POST of
 * JSON (or of no declared type). A form or any other type goes to the route
 * handler, which reads forms and refuses other types with 415.
 */
export function isVerifyRequest(req: IncomingMessage): boolean {
  if (req.method !== 'POST' || !req.url) return false;
  const q = req.url.indexOf('?');
  if ((q < 0 ? req.url : req.url.slice(0, q)) !== VERIFY_PATH) return false;
  const type = req.headers['content-type'];
  return type === undefined || /^application\/json\s*(;|$)/i.test(type);
}

/** The app's one error object ({code, message, params}) for a refused verification, in the request's language. */
export type VerifyRefusal = (req: IncomingMessage, code: 'bad_request' | 'payload_too_large' | 'database_unavailable') => {
  code: string;
  message: string;
  params: Record<string, string | number>;
};

type VerifyAnswer = { status: 200 | 400 | 413 | 503; body: { valid: boolean; reason?: string; claims?: unknown } };

const REFUSAL_CODES = { 400: 'bad_request', 413: 'payload_too_large', 503: 'database_unavailable' } as const;

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

function sender(req: IncomingMessage, res: ServerResponse, refusal?: VerifyRefusal): (answer: VerifyAnswer) => void {
  return (answer) => {
    const body = answer.status === 200 || !refusal ? answer.body : { ...answer.body, error: refusal(req, REFUSAL_CODES[answer.status]) };
    send(res, answer.status, body);
  };
}

function send(res: ServerResponse, status: VerifyAnswer['status'], body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...SECURITY_HEADERS,
    'Content-Security-Policy': API_POLICY,
  });
  res.end(text);
}

/**
 * Answers a verification on the raw Node request/response; never throws.
 * `refusal` gives a refused one (400, 413, 503) the app's {error} object
 * beside {valid, reason}, as the route handler's answers have.
 */
export function serveVerify(req: IncomingMessage, res: ServerResponse, getDeps: () => Promise<PresentationDeps>, refusal?: VerifyRefusal): void {
  const reply = sender(req, res, refusal);
  const declared = Number(req.headers['content-length'] ?? '0');
  if (Number.isFinite(declared) && declared > MAX_VERIFY_BODY_BYTES) {
    reply({ status: 413, body: { valid: false, reason: 'too_large' } });
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
      reply({ status: 413, body: { valid: false, reason: 'too_large' } });
      req.resume();
      return;
    }
    chunks.push(chunk);
  });
  req.on('error', () => {
    if (done) return;
    done = true;
    reply({ status: 400, body: { valid: false, reason: 'bad_request' } });
  });
  req.on('end', () => {
    if (done) return;
    done = true;
    let value: unknown;
    try {
      value = JSON.parse(Buffer.concat(chunks, total).toString('utf8'));
    } catch {
      reply({ status: 400, body: { valid: false, reason: 'bad_request' } });
      return;
    }
    answerVerifyBody(value, getDeps).then(
      reply,
      () => reply({ status: 503, body: { valid: false, reason: 'status_unavailable' } }),
    );
  });
}
