// The chip step of the self-service paths: the server issues a challenge,
// the card's chip signs it (read over NFC on a real phone; the card
// simulator in the demo), and the server verifies the signature against the
// chip public key in the registry.
import { eq } from 'drizzle-orm';
import { cards } from '@/db/schema';
import type { Executor } from '@/db/client';
import { isChipSignatureValid, type ChipReader } from '@/lib/chip';
import { issueChallenge, passkeyErrors, takeChallenge } from '@/lib/passkeys';
import { recordAudit } from '@/lib/audit';
import type { EnrollmentDeps } from './deps';
import { enrollmentErrors } from './errors';
import { advance, refuse, requireStep, runStep } from './state';

const subjectOf = (enrollmentId: string) => `enrollment:${enrollmentId}`;

export async function beginChipProof(
  deps: EnrollmentDeps,
  token: string | undefined,
): Promise<{ challenge: string }> {
  const e = await requireStep(deps.db, deps.clock, token, 'chip');
  const challenge = await issueChallenge(deps.db, deps.clock, 'chip_proof', subjectOf(e.id));
  return { challenge };
}

async function chipCardOf(db: Executor, cardId: number | null) {
  const [card] = cardId ? await db.select().from(cards).where(eq(cards.id, cardId)) : [];
  if (!card?.chipPublicKey) throw enrollmentErrors.create('chip_not_a_chip_card');
  return card;
}

export async function completeChipProof(
  deps: EnrollmentDeps,
  token: string | undefined,
  input: { challenge: string; signature: string },
): Promise<void> {
  const { clock } = deps;
  await runStep(deps.db, clock, token, 'chip', async (tx, e) => {
    const card = await chipCardOf(tx, e.cardId);
    try {
      await takeChallenge(tx, clock, input.challenge, 'chip_proof', subjectOf(e.id));
    } catch (error) {
      if (passkeyErrors.is(error, 'challenge_unknown') || passkeyErrors.is(error, 'challenge_used') || passkeyErrors.is(error, 'challenge_expired')) {
        throw enrollmentErrors.create('chip_challenge_invalid');
      }
      throw error;
    }
    const signature = /^[A-Za-z0-9_-]{1,200}$/.test(input.signature) ? Buffer.from(input.signature, 'base64url') : Buffer.alloc(0);
    if (!isChipSignatureValid(card.chipPublicKey!, Buffer.from(input.challenge, 'base64url'), signature)) {
      await recordAudit(tx, clock, {
        actor: { kind: 'anonymous' },
        action: 'enrollment.chip_refused',
        subject: { kind: 'enrollment', id: e.id },
        detail: { cardId: card.id },
      });
      // Committed with the used challenge: a refused signature spends it.
      return refuse(enrollmentErrors.create('chip_signature_invalid'));
    }
    await advance(
      tx,
      clock,
      e,
      { chipVerifiedAt: clock.now(), step: 'passkey' },
      { actor: { kind: 'resident', id: e.residentId }, action: 'enrollment.chip_verified', detail: { cardId: card.id } },
      'chip_verified',
    );
  });
}

/**
 * The card simulator "taps" the enrollment's card: signs the challenge with
 * the simulated chip of the card the resident identified. Only for demo
 * databases (the caller passes the simulator only there).
 */
export async function simulateCardTap(
  deps: EnrollmentDeps,
  token: string | undefined,
  reader: ChipReader,
  challenge: string,
): Promise<{ signature: string }> {
  const e = await requireStep(deps.db, deps.clock, token, 'chip');
  const card = await chipCardOf(deps.db, e.cardId);
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(challenge)) throw enrollmentErrors.create('chip_challenge_invalid');
  const signature = await reader.signChallenge(card.serial, Buffer.from(challenge, 'base64url'));
  return { signature: Buffer.from(signature).toString('base64url') };
}
