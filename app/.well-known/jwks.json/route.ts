import { route } from '@/app/_lib/route';
import { getPresentationDeps, jwksResponse } from '@/lib/presentation';

export const dynamic = 'force-dynamic';

/** GET /.well-known/jwks.json: the issuer's public keys (current, and retired ones whose tokens may still be live), publicly cached. */
export const GET = route({}, () => jwksResponse(getPresentationDeps));
