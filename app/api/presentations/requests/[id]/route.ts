import { getPresentationDeps, pollPresentationRequest } from '@/lib/presentation';
import { errorResponse, json, localeOf } from '../../_lib/respond';

export const dynamic = 'force-dynamic';

/** GET with the header X-Poll-Secret: the request's state; once approved, the verified answer (given once). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const locale = localeOf(new URL(request.url).searchParams.get('locale'));
  try {
    const deps = await getPresentationDeps();
    const answer = await pollPresentationRequest(deps, { id, pollSecret: request.headers.get('x-poll-secret') ?? '' });
    return json({
      id: answer.id,
      profile: answer.profile,
      verifierName: answer.verifierName,
      state: answer.state,
      expiresAt: answer.expiresAt.toISOString(),
      ...(answer.token ? { token: answer.token, result: answer.result } : {}),
    });
  } catch (error) {
    return errorResponse(error, locale);
  }
}
