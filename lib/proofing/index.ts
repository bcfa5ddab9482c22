// Proofing: what an officer does to let a legacy-card resident enroll. For
// now the in-person path: the officer finds the resident, checks them
// against the card and shows a one-time enrollment QR (an enrollment grant,
// path 'office'). The video-proofing issue ends in the same grant (path
// 'video'), through issueGrant.
import type { Db } from '@/db/client';
import type { Clock } from '@/lib/context/clock';
import { authorizeOfficer } from './officer';
import { issueGrant, type IssuedGrant } from './grants';

export {
  GRANT_TTL_MS,
  GRANT_CODE_BYTES,
  SHORT_CODE_ALPHABET,
  SHORT_CODE_LENGTH,
  SHORT_CODE_MAX_FAILURES,
  SHORT_CODE_LOCK_MS,
  proofingErrors,
  issueGrant,
  claimGrant,
  markGrantUsed,
  getGrant,
  normaliseShortCode,
  type GrantClaimInput,
  type IssuedGrant,
  type ClaimedGrant,
  type GrantView,
} from './grants';
export { findResidentForOfficer, type OfficerResidentView } from './officer';

/**
 * An officer, having checked the person against the card (photo matches,
 * card genuine and valid), issues a 10-minute, single-use enrollment grant
 * for an eligible resident. Grant and audit entry commit together.
 */
export async function createOfficeGrant(
  db: Db,
  clock: Clock,
  input: { residentId: number; officerId: string; checks?: { photoMatches: boolean; cardGenuine: boolean } },
): Promise<IssuedGrant> {
  return db.transaction(async (tx) => {
    await authorizeOfficer(tx, clock, input.officerId, input.residentId);
    return issueGrant(tx, clock, {
      residentId: input.residentId,
      officerId: input.officerId,
      path: 'office',
      detail: input.checks ? { checks: input.checks } : undefined,
    });
  });
}
