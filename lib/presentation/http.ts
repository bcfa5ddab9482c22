// The published, read-only answers on the standard Request/Response (the
// signed status lists and the key set), each with its own public cache, and
// the verify endpoint's body limit shared by its route handler and its Node
// fast path (node-http.ts). Failures are thrown as AppErrors for the route
// to answer.
import { coreErrors } from '@/lib/errors';
import type { PresentationDeps } from './deps';
import { signStatusList } from './tokens';

/** A token is under 2 KiB; anything much larger is not a verification request. */
export const MAX_VERIFY_BODY_BYTES = 8 * 1024;

const unavailable = (cause: unknown): never => {
  throw coreErrors.create('database_unavailable', {}, { cause });
};

const published = new WeakMap<object, Map<number, { jwt: string; asOf: number; signedAt: number }>>();
/** A signed list is re-signed when the view changed, or at the latest after this long. */
const RESIGN_AFTER_MS = 60_000;

/**
 * GET /api/status-lists/<n>: the signed list, re-signed only when the view
 * changed (or once a minute). Throws not_found for a list that does not
 * exist (or a number that is not one), database_unavailable when the view
 * cannot be read.
 */
export async function statusListResponse(getDeps: () => Promise<PresentationDeps>, idText: string): Promise<Response> {
  if (!/^[1-9]\d{0,5}$/.test(idText)) throw coreErrors.create('not_found');
  const listId = Number(idText);
  const deps = await getDeps().catch(unavailable);
  await deps.statusView.ensureFresh().catch(unavailable);
  let cache = published.get(deps.statusView);
  if (!cache) published.set(deps.statusView, (cache = new Map()));
  const now = deps.clock.now().getTime();
  let entry = cache.get(listId);
  if (!entry || entry.asOf !== deps.statusView.asOf || now - entry.signedAt >= RESIGN_AFTER_MS) {
    const signed = await signStatusList(deps.issuer, deps.clock, deps.statusView, listId);
    if (!signed) throw coreErrors.create('not_found');
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

/** GET /.well-known/jwks.json; throws database_unavailable when the key set cannot be read. */
export async function jwksResponse(getDeps: () => Promise<PresentationDeps>): Promise<Response> {
  const deps = await getDeps().catch(unavailable);
  const keys = await deps.keySet.list().catch(unavailable);
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
}
