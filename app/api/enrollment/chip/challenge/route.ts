// POST {} → a chip challenge (purpose chip_proof, single use, 5 minutes) for this browser's enrollment.
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { beginChipProof } from '@/lib/enrollment';
import { enrollmentDeps, enrollmentToken, failure, json, readBody } from '../../_lib/http';

export async function POST(request: NextRequest) {
  const started = performance.now();
  try {
    await readBody(request, z.object({ locale: z.string().max(10).optional() }));
    return json(await beginChipProof(await enrollmentDeps(), enrollmentToken(request)), started);
  } catch (error) {
    return failure(request, error);
  }
}
