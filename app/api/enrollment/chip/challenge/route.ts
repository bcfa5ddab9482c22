// POST {} → a chip challenge (purpose chip_proof, single use, 5 minutes) for this browser's enrollment.
import { z } from 'zod';
import { route } from '@/app/_lib/route';
import { beginChipProof } from '@/lib/enrollment';
import { enrollmentDeps, enrollmentToken, localeField } from '../../_lib/enrollment';

export const POST = route({ body: z.strictObject({ locale: localeField }), maxBytes: 1024 }, async ({ app, request }) =>
  beginChipProof(enrollmentDeps(app, request), enrollmentToken(request)),
);
