// What the staff passkey endpoints (app/api/staff) may answer, so the pages
// can hand the client button a message for each code.
import { coreErrors } from '@/lib/errors';
import { staffErrors } from '@/lib/staff';

export const PASSKEY_ERRORS = [
  ...staffErrors.codes.filter((code) => code.startsWith('staff.passkey_')),
  staffErrors.code('account_disabled'),
  staffErrors.code('invite_unknown'),
  staffErrors.code('invite_expired'),
  staffErrors.code('invite_used'),
  coreErrors.code('bad_request'),
  coreErrors.code('invalid_input'),
  coreErrors.code('payload_too_large'),
  coreErrors.code('cross_site'),
  coreErrors.code('internal'),
  coreErrors.code('database_unavailable'),
] as const;
