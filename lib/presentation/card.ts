// "My card": the holder unlocks the card on their phone (passkey + device
// key over one challenge, lib/passkeys), which opens it for a few minutes,
// then shows it and the QR tokens they choose. The unlocked state is a
// resident session in the database (any instance reads it) named by an
// opaque key the phone keeps in a cookie; it ends when the card moves to
// another phone (reissue ends the resident's sessions) and every token is
// refused once the card is no longer active.
import { countFunnelEvent } from '@/lib/analytics';
import { seoulDay } from '@/lib/clock';
import {
  beginUnlock,
  completeUnlock,
  findCredential,
  statusError,
  type Credential,
  type UnlockAnswer,
  type UnlockOptions,
} from '@/lib/passkeys';
import { createSession, endSession, readSession } from '@/lib/security';
import type { PresentationDeps } from './deps';
import { presentationErrors } from './errors';
import { loadCardHolder } from './holder';
import type { CardHolder, Profile } from './profiles';
import { signPresentationToken, type PresentationToken } from './tokens';

/** How long the card stays open after an unlock. */
export const CARD_UNLOCK_TTL_MS = 10 * 60_000;

const CREDENTIAL_ID = /^[A-Za-z0-9_-]{1,1400}$/;

/** The challenge for unlocking the card this phone holds (its passkey's credential ID). */
export async function beginCardUnlock(deps: PresentationDeps, credentialId: string): Promise<UnlockOptions> {
  return beginUnlock(deps.db, deps.clock, deps.config, { credentialId });
}

export type UnlockedCard = { cardKey: string; expiresAt: Date; credential: Credential };

/** Checks both signatures and opens the card: returns the key the phone keeps while it is open. */
export async function completeCardUnlock(deps: PresentationDeps, answer: UnlockAnswer, previousCardKey?: string): Promise<UnlockedCard> {
  // On the database handle: completeUnlock commits the used challenge and a
  // refusal's audit entry even when it refuses; the session opens in its
  // transaction, only with a successful unlock.
  let token = '';
  const credential = await completeUnlock(deps.db, deps.clock, deps.config, answer, async (tx, unlocked) => {
    // A new session on every unlock; the one this phone held before ends.
    if (typeof previousCardKey === 'string') await endSession(tx, deps.clock, sessionTokenOf(previousCardKey));
    token = await createSession(tx, deps.clock, { kind: 'resident', subjectId: unlocked.residentId, ttlMs: CARD_UNLOCK_TTL_MS });
  });
  return {
    cardKey: `${token}.${credential.credentialId}`,
    expiresAt: new Date(deps.clock.now().getTime() + CARD_UNLOCK_TTL_MS),
    credential,
  };
}

/** The open card's credential, or unlock_required; a card no longer active says why (locked, moved, revoked). */
export async function readUnlockedCard(deps: PresentationDeps, cardKey: string | null | undefined): Promise<{ credential: Credential; expiresAt: Date }> {
  if (typeof cardKey !== 'string') throw presentationErrors.create('unlock_required');
  const dot = cardKey.indexOf('.');
  const token = cardKey.slice(0, dot);
  const credentialId = cardKey.slice(dot + 1);
  if (dot < 0 || !CREDENTIAL_ID.test(credentialId)) throw presentationErrors.create('unlock_required');
  const session = await readSession(deps.db, deps.clock, token, 'resident');
  if (!session) throw presentationErrors.create('unlock_required');
  const credential = await findCredential(deps.db, credentialId);
  if (!credential || String(credential.residentId) !== session.subjectId) throw presentationErrors.create('unlock_required');
  const refused = statusError(credential);
  if (refused) throw refused;
  return { credential, expiresAt: session.expiresAt };
}

export type CardView = { holder: CardHolder; expiresAt: Date; cardValid: boolean };

/** What the holder's own screen shows once the card is open. */
export async function showCard(deps: PresentationDeps, cardKey: string | null | undefined): Promise<CardView> {
  const { credential, expiresAt } = await readUnlockedCard(deps, cardKey);
  const holder = await loadCardHolder(deps.db, deps.keys, credential.residentId);
  return { holder, expiresAt, cardValid: holder.validUntil >= seoulDay(deps.clock.now()) };
}

/** A fresh token for the open card with the profile the holder chose. */
export async function issueCardToken(
  deps: PresentationDeps,
  input: { cardKey: string | null | undefined; profile: Profile; locale: string },
): Promise<PresentationToken> {
  const { credential } = await readUnlockedCard(deps, input.cardKey);
  return signForCredential(deps, credential, input.profile, input.locale);
}

/** Signs a token for an active credential (the card page and an approved verifier request). */
export async function signForCredential(
  deps: Pick<PresentationDeps, 'db' | 'clock' | 'keys' | 'issuer'>,
  credential: Credential,
  profile: Profile,
  locale: string,
  requestId?: string,
): Promise<PresentationToken> {
  if (credential.statusIndex === null) throw presentationErrors.create('no_status_index');
  const holder = await loadCardHolder(deps.db, deps.keys, credential.residentId);
  if (holder.validUntil < seoulDay(deps.clock.now())) throw presentationErrors.create('card_expired');
  const token = await signPresentationToken(deps.issuer, deps.clock, {
    holder,
    statusIndex: credential.statusIndex,
    profile,
    requestId,
  });
  // Counted per day and profile, never per person: how the card is used.
  if (!requestId) await countFunnelEvent(deps.db, deps.clock, { event: `card_presented:${profile}`, locale });
  return token;
}

/** Closes the card on this phone (the holder taps "Lock"): the unlock's session ends at once. */
export async function closeCard(deps: PresentationDeps, cardKey: string | null | undefined): Promise<void> {
  if (typeof cardKey !== 'string') return;
  await endSession(deps.db, deps.clock, sessionTokenOf(cardKey));
}

/** The session token part of a card key (`<token>.<credentialId>`). */
function sessionTokenOf(cardKey: string): string {
  return cardKey.slice(0, Math.max(0, cardKey.indexOf('.')));
}
