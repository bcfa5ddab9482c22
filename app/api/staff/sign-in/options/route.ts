// POST → WebAuthn request options for a staff passkey sign-in (discoverable,
// user verification required). The challenge is stored in the database.
import { route } from '@/app/_lib/route';
import { startStaffSignIn } from '@/lib/staff';

export const POST = route({ maxBytes: 1024 }, async ({ app }) => startStaffSignIn(app.db, app.clock, app.config));
