// Liveness prompts for a video check: small movements a recording or a
// face-swap cannot answer on cue. The app, not the officer, picks one or two
// at random (crypto randomness) when the session starts, so neither side
// knows them beforehand; the officer reads them out (and may show each on
// the resident's screen, in the resident's language) and ticks
// "liveness done" when the person did them live.
import { randomInt } from 'node:crypto';

export type LivenessPrompt =
  | { kind: 'turn_head'; side: 'left' | 'right' }
  | { kind: 'fingers'; count: number }
  | { kind: 'look_up' }
  | { kind: 'blink_twice' }
  | { kind: 'touch_ear'; side: 'left' | 'right' };

export type LivenessKind = LivenessPrompt['kind'];

export const LIVENESS_KINDS: readonly LivenessKind[] = ['turn_head', 'fingers', 'look_up', 'blink_twice', 'touch_ear'];

/** A source of uniform integers in [0, n): crypto by default, a fixed sequence in tests. */
export type RandomInt = (n: number) => number;

const side = (random: RandomInt): 'left' | 'right' => (random(2) === 0 ? 'left' : 'right');

function promptOf(kind: LivenessKind, random: RandomInt): LivenessPrompt {
  switch (kind) {
    case 'turn_head':
      return { kind, side: side(random) };
    case 'touch_ear':
      return { kind, side: side(random) };
    case 'fingers':
      return { kind, count: 1 + random(5) };
    case 'look_up':
      return { kind };
    case 'blink_twice':
      return { kind };
  }
}

/** One or two prompts of different kinds, chosen at random. */
export function chooseLivenessPrompts(random: RandomInt = randomInt): LivenessPrompt[] {
  const howMany = 1 + random(2);
  const kinds = [...LIVENESS_KINDS];
  const chosen: LivenessPrompt[] = [];
  for (let i = 0; i < howMany; i++) {
    const [kind] = kinds.splice(random(kinds.length), 1);
    chosen.push(promptOf(kind!, random));
  }
  return chosen;
}

/** A stored prompt, checked (the column is jsonb): null when it is not one of ours. */
export function parseLivenessPrompt(value: unknown): LivenessPrompt | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  switch (v.kind) {
    case 'turn_head':
    case 'touch_ear':
      return v.side === 'left' || v.side === 'right' ? { kind: v.kind, side: v.side } : null;
    case 'fingers':
      return Number.isInteger(v.count) && (v.count as number) >= 1 && (v.count as number) <= 5 ? { kind: 'fingers', count: v.count as number } : null;
    case 'look_up':
    case 'blink_twice':
      return { kind: v.kind };
    default:
      return null;
  }
}
