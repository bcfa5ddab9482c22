import { getPresentationDeps, jwksResponse } from '@/lib/presentation';

export const dynamic = 'force-dynamic';

/** GET /.well-known/jwks.json: the issuer's public keys (current, and retired ones whose tokens may still be live). */
export function GET(): Promise<Response> {
  return jwksResponse(getPresentationDeps);
}
