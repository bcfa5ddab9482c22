// Small-cell protection for every figure the dashboards publish (the
// analyst dashboard here, the partners' campaign funnels in lib/outreach's
// pages). Three rules, applied in this order:
//
// 1. PRIMARY: a count under 10 (zero included) is not shown; it reads "<10".
// 2. SECONDARY: in a table with totals, a line (a row or a column with its
//    total shown) that has exactly one hidden cell would give it away as
//    total − the others, so the next smallest cell of that line is hidden
//    too; repeated until no line has a single hidden cell (the totals row
//    and column are lines of the grand total). A line of one cell hides its
//    total.
// 3. DIFFERENCING: every count that is shown is rounded to a multiple of 5
//    (12 → 10, 13 → 15). Two views that differ by a small group (all
//    nationalities and all but one, or one day more) then differ by a
//    multiple of 5, and the group's true size stays anywhere within ±4 of
//    it, never one exact number. Rates and shares are computed from the
//    rounded counts, so they carry no more than the counts do.
//
// Deterministic rounding stops exact differences between two views. It does
// not stop an attacker who combines very many views to narrow ranges; that
// would need record keys (cell-key perturbation), which counters do not keep.
// Works on plain numbers: no database, no React.

export const MIN_SHOWN = 10;
export const ROUNDING_BASE = 5;

/** A published count: a number (rounded), or null for "<10". */
export type Shown = number | null;

export function isSmall(count: number): boolean {
  return count < MIN_SHOWN;
}

/** Rounds a count that may be shown to the nearest multiple of ROUNDING_BASE (halves up). */
export function roundCount(count: number): number {
  return Math.floor(count / ROUNDING_BASE + 0.5) * ROUNDING_BASE;
}

/** One count on its own (no table, no total): "<10" or rounded. */
export function protectCount(count: number): Shown {
  return isSmall(count) ? null : roundCount(count);
}

/** A count as published, with nothing hidden for lines: rounding only when shown. */
function publish(count: number, hidden: boolean): Shown {
  return hidden ? null : roundCount(count);
}

export type CountTable = {
  /** cells[row][column]: exact counts. */
  cells: number[][];
  /** Row totals are shown (each row is a line). */
  rowTotals?: boolean;
  /** Column totals are shown (each column is a line). */
  columnTotals?: boolean;
  /** The grand total is shown (the totals row and column are lines). Default: when both totals are. */
  grandTotal?: boolean;
};

export type ProtectedTable = {
  cells: Shown[][];
  rowTotals: Shown[] | null;
  columnTotals: Shown[] | null;
  total: Shown | null;
  /** How many cells were hidden by rule 2 (for tests and notes). */
  secondary: number;
};

type Member = { value: number; hidden: boolean; primary: boolean };

/**
 * Protects a table of counts with its totals (rules 1–3). Totals are
 * computed from the cells given, so pass every cell of the table.
 */
export function protectTable(table: CountTable): ProtectedTable {
  const rows = table.cells.length;
  const columns = rows > 0 ? table.cells[0]!.length : 0;
  const showRowTotals = table.rowTotals ?? false;
  const showColumnTotals = table.columnTotals ?? false;
  const showGrand = table.grandTotal ?? (showRowTotals && showColumnTotals);

  const cell: Member[][] = table.cells.map((r) => r.map((value) => ({ value, hidden: isSmall(value), primary: isSmall(value) })));
  const rowTotal: Member[] = table.cells.map((r) => {
    const value = r.reduce((a, b) => a + b, 0);
    return { value, hidden: isSmall(value), primary: isSmall(value) };
  });
  const columnTotal: Member[] = Array.from({ length: columns }, (_, j) => {
    const value = table.cells.reduce((a, r) => a + (r[j] ?? 0), 0);
    return { value, hidden: isSmall(value), primary: isSmall(value) };
  });
  const grandValue = rowTotal.reduce((a, m) => a + m.value, 0);
  const grand: Member = { value: grandValue, hidden: isSmall(grandValue), primary: isSmall(grandValue) };

  // Lines: a shown total and the members that add up to it.
  const lines: Array<{ total: Member; members: Member[] }> = [];
  if (showRowTotals) for (let i = 0; i < rows; i++) lines.push({ total: rowTotal[i]!, members: cell[i]! });
  if (showColumnTotals) for (let j = 0; j < columns; j++) lines.push({ total: columnTotal[j]!, members: cell.map((r) => r[j]!) });
  if (showGrand && showColumnTotals) lines.push({ total: grand, members: columnTotal });
  if (showGrand && showRowTotals) lines.push({ total: grand, members: rowTotal });
  if (showGrand && !showRowTotals && !showColumnTotals) lines.push({ total: grand, members: cell.flat() });

  let secondary = 0;
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      if (line.total.hidden) continue;
      const hidden = line.members.filter((m) => m.hidden);
      if (hidden.length !== 1) continue;
      const candidates = line.members.filter((m) => !m.hidden).sort((x, y) => x.value - y.value);
      if (candidates.length > 0) {
        candidates[0]!.hidden = true;
        secondary++;
      } else {
        line.total.hidden = true;
      }
      changed = true;
    }
  }

  return {
    cells: cell.map((r) => r.map((m) => publish(m.value, m.hidden))),
    rowTotals: showRowTotals ? rowTotal.map((m) => publish(m.value, m.hidden)) : null,
    columnTotals: showColumnTotals ? columnTotal.map((m) => publish(m.value, m.hidden)) : null,
    total: showGrand ? publish(grand.value, grand.hidden) : null,
    secondary,
  };
}

/**
 * A list of counts and their total (one column of a breakdown and its
 * margin): rules 1–3. `total` defaults to the sum; pass it when the list
 * shows only some of the groups that make it (then no line is formed: the
 * missing groups stand between the total and the list).
 */
export function protectList(counts: readonly number[], total?: number): { counts: Shown[]; total: Shown } {
  const complete = total === undefined || total === counts.reduce((a, b) => a + b, 0);
  if (!complete) return { counts: counts.map(protectCount), total: protectCount(total!) };
  const table = protectTable({ cells: counts.map((c) => [c]), columnTotals: true });
  return { counts: table.cells.map((r) => r[0]!), total: table.columnTotals![0]! };
}

/** A rate (0–1) from published counts: null when either is hidden or the base is 0. */
export function shownRate(part: Shown, base: Shown): number | null {
  if (part === null || base === null || base === 0) return null;
  return part / base;
}

/**
 * Differences between consecutive published counts (a funnel's drop-off):
 * from the published values only, null where either side is hidden.
 */
export function shownDifferences(values: readonly Shown[]): Array<number | null> {
  return values.slice(1).map((v, i) => {
    const before = values[i]!;
    return before === null || v === null ? null : before - v;
  });
}
