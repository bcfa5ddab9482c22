// POST → WebAuthn request options for a staff passkey sign-in (discoverable,
// user verification required). The challenge is stored in the database.
import { route } from '@/app/_lib/route';
import { clientAddressFrom, consumeAttempt } from '@/lib/limits';
import { STAFF_SIGN_IN_CLIENT_LIMIT, startStaffSignIn } from '@/lib/staff';

export const POST = route({ maxBytes: 1024 }, async ({ app, request }) => {
  // Each answer stores a challenge row, asked for without signing in: so many an hour per client.
  await consumeAttempt(app.db, app.clock, app.keys, { limit: 'staff_sign_in_client', subject: clientAddressFrom(request.headers), ...STAFF_SIGN_IN_CLIENT_LIMIT });
  return startStaffSignIn(app.db, app.clock, app.config);
});
