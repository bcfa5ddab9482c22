// GET /api/audit/checkpoint[?size=N]: the latest signed checkpoint of the
// audit log (or the one covering N entries), the number of entries now,
// and the checkpoint keys' public halves, so that anyone can check the
// signature: Ed25519 over the UTF-8 bytes of `checkpoint.text`. Public,
// readable from any site.
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { route } from '@/app/_lib/route';
import { transparencyView } from '@/lib/audit';
import { coreErrors } from '@/lib/errors';

export const dynamic = 'force-dynamic';

const query = z.object({ size: z.string().regex(/^[1-9]\d{0,14}$/).transform(Number).optional() });

export const GET = route({ query, origin: 'any' }, async ({ query, app }) => {
  const view = await transparencyView(app.db, { size: query.size });
  if (query.size !== undefined && !view.checkpoint) throw coreErrors.create('not_found');
  const checkpoint = view.checkpoint && {
    size: view.checkpoint.size,
    head: view.checkpoint.head,
    at: view.checkpoint.at.toISOString(),
    keyId: view.checkpoint.keyId,
    signature: view.checkpoint.signature,
    text: view.checkpoint.text,
  };
  return NextResponse.json(
    {
      checkpoint,
      entries: view.entries,
      keys: view.keys,
      how: 'signature: Ed25519 (base64) over the UTF-8 bytes of checkpoint.text, made with the key whose kid is checkpoint.keyId; head: SHA-256 chain, each entry hashing the previous hash followed by its RFC 8785 canonical JSON (npm run audit:verify)',
    },
    { headers: { 'cache-control': 'no-store', 'access-control-allow-origin': '*' } },
  );
});
