import { z } from 'zod';
import { route } from '@/app/_lib/route';
import { getPresentationDeps, pollPresentationRequest } from '@/lib/presentation';

export const dynamic = 'force-dynamic';

/** GET with the header X-Poll-Secret: the request's state; once approved, the verified answer (given once). */
export const GET = route({ params: z.object({ id: z.string().max(100) }) }, async ({ request, params }) => {
  const deps = await getPresentationDeps();
  const answer = await pollPresentationRequest(deps, { id: params.id, pollSecret: request.headers.get('x-poll-secret') ?? '' });
  return {
    id: answer.id,
    profile: answer.profile,
    verifierName: answer.verifierName,
    state: answer.state,
    expiresAt: answer.expiresAt.toISOString(),
    ...(answer.token ? { token: answer.token, result: answer.result } : {}),
  };
});
