// Small-cell protection: primary suppression, secondary suppression in
// tables with totals, rounding against differencing — with the attacks
// written out (total minus the others; two views that differ by one small
// group), each shown to work on the exact counts and to fail on what is
// published.
import { describe, expect, it } from 'vitest';
import { protectCount, protectList, protectTable, roundCount, shownDifferences, shownRate, type Shown } from './suppression';

/** Every exact count that would publish as `shown`. */
function preimage(shown: Shown): number[] {
  if (shown === null) return [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const out: number[] = [];
  for (let x = Math.max(10, shown - 2); x <= shown + 2; x++) if (protectCount(x) === shown) out.push(x);
  return out;
}

/** What an attacker learns about a − b from the two published figures: every value it could be. */
function possibleDifferences(a: Shown, b: Shown): number[] {
  const out = new Set<number>();
  for (const x of preimage(a)) for (const y of preimage(b)) if (x >= y) out.add(x - y);
  return [...out].sort((p, q) => p - q);
}

describe('primary suppression and rounding', () => {
  it('hides counts under 10, zero included, and rounds the rest to 5', () => {
    expect([0, 1, 9].map(protectCount)).toEqual([null, null, null]);
    expect([10, 12, 13, 17, 18, 1234].map(protectCount)).toEqual([10, 10, 15, 15, 20, 1235]);
    expect(roundCount(22.5)).toBe(25);
  });

  it('rates and differences come from published counts only', () => {
    expect(shownRate(null, 100)).toBeNull();
    expect(shownRate(25, 100)).toBe(0.25);
    expect(shownDifferences([100, null, 40])).toEqual([null, null]);
    expect(shownDifferences([100, 60, 40])).toEqual([40, 20]);
  });
});

describe('secondary suppression', () => {
  it('a single hidden cell in a list with its total takes the next smallest with it', () => {
    // 40 Vietnamese, 25 Chinese, 3 Lao: the total 68 minus 40 and 25 would give the 3.
    const shown = protectList([40, 25, 3]);
    expect(shown.counts).toEqual([40, null, null]);
    expect(shown.total).toBe(70);
    // The attack: total − the shown others leaves the two hidden together, never the 3 alone.
    expect(possibleDifferences(shown.total, shown.counts[0]!).length).toBeGreaterThan(1);
  });

  it('two hidden cells need nothing more; a list of one hides its total', () => {
    expect(protectList([40, 4, 3]).counts).toEqual([40, null, null]);
    expect(protectList([7])).toEqual({ counts: [null], total: null });
    expect(protectList([12])).toEqual({ counts: [10], total: 10 });
  });

  it('in a table with row and column totals, every line keeps at least two hidden cells or none', () => {
    const cells = [
      [50, 30, 4, 20],
      [40, 25, 35, 30],
      [60, 45, 50, 15],
    ];
    const t = protectTable({ cells, rowTotals: true, columnTotals: true });
    const hiddenIn = (line: Shown[]) => line.filter((v) => v === null).length;
    for (let i = 0; i < cells.length; i++) expect(hiddenIn(t.cells[i]!)).not.toBe(1);
    for (let j = 0; j < 4; j++) expect(hiddenIn(t.cells.map((r) => r[j]!))).not.toBe(1);
    expect(t.cells[0]![2]).toBeNull();
    expect(t.secondary).toBeGreaterThanOrEqual(3);
    // Row 1 total minus its shown cells, and column 3 total minus its shown cells, both leave two hidden cells together.
    expect(t.rowTotals).toEqual([105, 130, 170]);
  });

  it('a hidden row total hides a second one, so the grand total cannot give it away', () => {
    const t = protectTable({ cells: [[3, 4], [30, 40], [50, 60]], rowTotals: true, columnTotals: true });
    expect(t.rowTotals![0]).toBeNull();
    expect(t.rowTotals!.filter((v) => v === null).length).toBeGreaterThanOrEqual(2);
  });
});

describe('the differencing attack', () => {
  // Jeju: 30 Vietnamese and 3 Lao residents have the card. View A: region Jeju.
  // View B: region Jeju and nationality Vietnam. A − B is the Lao group.
  const a = 33;
  const b = 30;

  it('works on exact counts (what the protection must prevent)', () => {
    expect(a - b).toBe(3);
  });

  it('fails on published counts: A − B could be any of several values, the true one among them', () => {
    const shownA = protectCount(a);
    const shownB = protectCount(b);
    const candidates = possibleDifferences(shownA, shownB);
    expect(candidates).toContain(3);
    expect(candidates.length).toBeGreaterThanOrEqual(5);
  });

  it('fails for every small group on top of any base, one day or one nationality apart', () => {
    for (let base = 10; base < 400; base++) {
      for (let small = 1; small < 10; small++) {
        const candidates = possibleDifferences(protectCount(base + small), protectCount(base));
        expect(candidates).toContain(small);
        expect(candidates.length, `${base} + ${small}`).toBeGreaterThan(1);
      }
    }
  });
});
