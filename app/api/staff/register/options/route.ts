// POST {token} → WebAuthn creation options for the invitee of a one-time
// staff invitation (resident key and user verification required).
import { z } from 'zod';
import { route } from '@/app/_lib/route';
import { startStaffRegistration } from '@/lib/staff';

export const POST = route({ body: z.object({ token: z.string().min(1).max(100) }), maxBytes: 1024 }, async ({ body, app }) =>
  startStaffRegistration(app.db, app.clock, app.config, app.keys, { inviteToken: body.token }),
);
