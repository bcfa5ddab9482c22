import { describe, expect, it } from 'vitest';
import { chooseLivenessPrompts, LIVENESS_KINDS, parseLivenessPrompt } from './liveness';

describe('liveness prompts', () => {
  it('are one or two, of different kinds, drawn from the whole catalogue', () => {
    const seen = new Set<string>();
    const sizes = new Set<number>();
    for (let i = 0; i < 500; i++) {
      const prompts = chooseLivenessPrompts();
      sizes.add(prompts.length);
      expect(new Set(prompts.map((p) => p.kind)).size).toBe(prompts.length);
      for (const p of prompts) {
        seen.add(p.kind);
        expect(parseLivenessPrompt(JSON.parse(JSON.stringify(p)))).toEqual(p);
        if (p.kind === 'fingers') expect(p.count).toBeGreaterThanOrEqual(1), expect(p.count).toBeLessThanOrEqual(5);
      }
    }
    expect([...sizes].sort()).toEqual([1, 2]);
    expect([...seen].sort()).toEqual([...LIVENESS_KINDS].sort());
  });

  it('read back from storage only when well-formed', () => {
    expect(parseLivenessPrompt({ kind: 'fingers', count: 9 })).toBeNull();
    expect(parseLivenessPrompt({ kind: 'turn_head', side: 'up' })).toBeNull();
    expect(parseLivenessPrompt({ kind: 'dance' })).toBeNull();
    expect(parseLivenessPrompt(null)).toBeNull();
    expect(parseLivenessPrompt({ kind: 'look_up', extra: 1 })).toEqual({ kind: 'look_up' });
  });
});
