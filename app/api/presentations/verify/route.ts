// POST /api/presentations/verify {"token": "..."} → {"valid", "reason"?, "claims"?}.
// Banks and shops call it from their own systems, so any origin may. 200 for
// every token judged (valid or not, with the reason); a body that is not
// JSON with a string token is 400 {valid: false, reason: "bad_request"}, one
// too large 413 "too_large", and only the service itself failing is a 503
// "status_unavailable" — each with the usual {error} beside. The Node fast
// path (lib/presentation/node-http.ts, used by scripts/server.ts) answers
// the same.
import { z } from 'zod';
import { route } from '@/app/_lib/route';
import { coreErrors, type AppError } from '@/lib/errors';
import { getPresentationDeps, MAX_VERIFY_BODY_BYTES, verifyPresentation } from '@/lib/presentation';

export const dynamic = 'force-dynamic';

function reasonOf(error: AppError): 'too_large' | 'status_unavailable' | 'bad_request' {
  if (coreErrors.is(error, 'payload_too_large')) return 'too_large';
  if (error.status >= 500) return 'status_unavailable';
  return 'bad_request';
}

const unavailable = (cause: unknown) => {
  throw coreErrors.create('database_unavailable', {}, { cause });
};

export const POST = route(
  {
    body: z.object({ token: z.string() }),
    maxBytes: MAX_VERIFY_BODY_BYTES,
    origin: 'any',
    errorFields: (error) => ({ valid: false, reason: reasonOf(error) }),
  },
  async ({ body }) => {
    const deps = await getPresentationDeps().catch(unavailable);
    // verifyPresentation answers every input; only the database failing mid-way throws.
    return verifyPresentation(deps, body.token).catch(unavailable);
  },
);
