// The JSON endpoints' plumbing that is not Next.js: reading a body with a
// size limit, and POST /api/presentations/verify itself, on the standard
// Request/Response, so tests drive it without a server.
import { z } from 'zod';
import type { PresentationDeps } from './deps';
import { signStatusList } from './tokens';
import { verifyPresentation } from './verify';

/** A token is under 2 KiB; anything much larger is not a verification request. */
export const MAX_VERIFY_BODY_BYTES = 8 * 1024;

export type BodyResult = { ok: true; value: unknown } | { ok: false; status: 400 | 413; code: 'invalid_json' | 'body_too_large' };

/** Reads a JSON body, stopping as soon as it passes maxBytes (whatever Content-Length claims). */
export async function readJsonBody(request: Request, maxBytes: number): Promise<BodyResult> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, status: 413, code: 'body_too_large' };
  if (!request.body) return { ok: false, status: 400, code: 'invalid_json' };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        return { ok: false, status: 413, code: 'body_too_large' };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, status: 400, code: 'invalid_json' };
  }
  const text = new TextDecoder().decode(Buffer.concat(chunks));
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, status: 400, code: 'invalid_json' };
  }
}

const verifyBody = z.object({ token: z.string() });

const NO_STORE = { 'Cache-Control': 'no-store' };

function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: NO_STORE });
}

export type VerifyAnswer = { status: 200 | 400 | 413 | 503; body: { valid: boolean; reason?: string; claims?: unknown } };

/** The answer to a parsed body ({token}); shared by the route handler and the Node fast path (node-http.ts). */
export async function answerVerifyBody(value: unknown, getDeps: () => Promise<PresentationDeps>): Promise<VerifyAnswer> {
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

/**
 * POST /api/presentations/verify {"token": "..."} → {"valid", "reason"?, "claims"?}.
 * 200 for every token judged (valid or not, with the reason); 400 when the
 * body is not JSON with a string token; 413 when it is too large; 503 only
 * when the service itself cannot answer. Never a 5xx for bad input.
 */
export async function handleVerifyRequest(request: Request, getDeps: () => Promise<PresentationDeps>): Promise<Response> {
  const body = await readJsonBody(request, MAX_VERIFY_BODY_BYTES);
  if (!body.ok) return json({ valid: false, reason: body.status === 413 ? 'too_large' : 'bad_request' }, body.status);
  const answer = await answerVerifyBody(body.value, getDeps);
  return json(answer.body, answer.status);
}

const published = new WeakMap<object, Map<number, { jwt: string; asOf: number; signedAt: number }>>();
/** A signed list is re-signed when the view changed, or at the latest after this long. */
const RESIGN_AFTER_MS = 60_000;

/** GET /api/status-lists/<n>: the signed list, re-signed only when the view changed (or once a minute). */
export async function statusListResponse(getDeps: () => Promise<PresentationDeps>, idText: string): Promise<Response> {
  if (!/^[1-9]\d{0,5}$/.test(idText)) return json({ error: { code: 'not_found' } }, 404);
  const listId = Number(idText);
  let deps: PresentationDeps;
  try {
    deps = await getDeps();
    await deps.statusView.ensureFresh();
  } catch {
    return json({ error: { code: 'database_unavailable' } }, 503);
  }
  let cache = published.get(deps.statusView);
  if (!cache) published.set(deps.statusView, (cache = new Map()));
  const now = deps.clock.now().getTime();
  let entry = cache.get(listId);
  if (!entry || entry.asOf !== deps.statusView.asOf || now - entry.signedAt >= RESIGN_AFTER_MS) {
    const signed = await signStatusList(deps.issuer, deps.clock, deps.statusView, listId);
    if (!signed) return json({ error: { code: 'not_found' } }, 404);
    entry = { jwt: signed.jwt, asOf: signed.asOf.getTime(), signedAt: now };
    cache.set(listId, entry);
  }
  return new Response(entry.jwt, {
    headers: {
      'Content-Type': 'application/statuslist+jwt',
      // Short: a lock must reach verifiers quickly. Verifier pages keep their own copy for offline use.
      'Cache-Control': 'public, max-age=10',
      'Access-Control-Allow-Origin': '*',
    },
  });
}

/** GET /.well-known/jwks.json */
export async function jwksResponse(getDeps: () => Promise<PresentationDeps>): Promise<Response> {
  try {
    const deps = await getDeps();
    const keys = await deps.keySet.list();
    return Response.json(
      { keys },
      {
        headers: {
          // A verifier that meets a kid it does not know fetches the set again.
          'Cache-Control': 'public, max-age=300',
          'Access-Control-Allow-Origin': '*',
        },
      },
    );
  } catch {
    return json({ error: { code: 'database_unavailable' } }, 503);
  }
}
