import { getPresentationDeps, handleVerifyRequest } from '@/lib/presentation';

export const dynamic = 'force-dynamic';

/** POST {"token": "..."} → {"valid": boolean, "reason"?: string, "claims"?: object}; never a 5xx for bad input. */
export function POST(request: Request): Promise<Response> {
  return handleVerifyRequest(request, getPresentationDeps);
}
