// The bench's figures. Each figure is a module in bench/ that calls
// registerFigure() when imported; bench/figures.ts imports them all, one line
// per figure.

export type FigureResult = {
  value: number;
  /** Overrides the figure's unit when it must. */
  unit?: string;
  /** Anything that helps read the value: sizes, baselines, breakdowns. */
  [context: string]: unknown;
};

export type Figure = {
  /** The name printed in the JSON line, e.g. seed_1m_residents_s. */
  name: string;
  unit: string;
  /** One line: what is measured, at what size. */
  description: string;
  /** How many times run() measures (reported as `runs`). */
  runs?: number;
  /** One result, or one per subject measured (each printed as its own line, e.g. with a `database` field). */
  run(): Promise<FigureResult | FigureResult[]>;
};

export const figures: Figure[] = [];

export function registerFigure(figure: Figure): void {
  if (figures.some((f) => f.name === figure.name)) throw new Error(`Bench figure ${figure.name} registered twice`);
  figures.push(figure);
}
