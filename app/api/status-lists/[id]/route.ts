import { z } from 'zod';
import { route } from '@/app/_lib/route';
import { getPresentationDeps, statusListResponse } from '@/lib/presentation';

export const dynamic = 'force-dynamic';

/**
 * GET /api/status-lists/<n>: the signed status list (application/statuslist+jwt),
 * IETF Token Status List, with its own short public cache; 404 for a list
 * that does not exist (or a number that is not one).
 */
export const GET = route({ params: z.object({ id: z.string() }) }, ({ params }) => statusListResponse(getPresentationDeps, params.id));
