import { getPresentationDeps, statusListResponse } from '@/lib/presentation';

export const dynamic = 'force-dynamic';

/** GET /api/status-lists/<n>: the signed status list (application/statuslist+jwt), IETF Token Status List. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return statusListResponse(getPresentationDeps, id);
}
