'use client';
// The dashboard's charts (recharts). Each draws figures that the table
// beside it holds too, so the chart is hidden from screen readers and the
// table is what they read. Always drawn left to right (recharts' axes
// overlap inside dir="rtl"). Every word and number on a chart comes written
// from the server in the page's locale (a phone's browser may lack the
// locale's number data). Hidden counts ("<10") are gaps, never zeros.
import { Bar, BarChart, CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** One point: its label, its value (null: not shown), and the value as the table writes it. */
export type ChartPoint = { label: string; value: number | null; text: string };
/** An axis tick: where, and how it reads. */
export type ChartTick = { value: number; label: string };

const BRAND = '#0b4f8a';
const TARGET = '#7a5200';
/** Labels in right-to-left scripts keep their own order inside the left-to-right drawing. */
const TICK_STYLE = { fontSize: 12, unicodeBidi: 'plaintext' } as const;

function tickFormatter(ticks: ChartTick[]) {
  const labels = new Map(ticks.map((t) => [t.value, t.label]));
  return (value: number) => labels.get(value) ?? '';
}

function tooltipText(_value: unknown, _name: unknown, item: { payload?: ChartPoint }) {
  return item.payload?.text ?? '—';
}

/** Adoption rate (percent) per day, with the target as a dashed, labelled line. */
export function SeriesChart({ points, ticks, target, targetLabel }: { points: ChartPoint[]; ticks: ChartTick[]; target: number | null; targetLabel: string }) {
  return (
    <div dir="ltr" aria-hidden="true" style={{ inlineSize: '100%', blockSize: 280 }}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 16, right: 24, bottom: 8, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#d7dee5" strokeDasharray="3 3" />
          <XAxis dataKey="label" minTickGap={48} tick={TICK_STYLE} />
          <YAxis domain={[0, ticks.at(-1)?.value ?? 'auto']} ticks={ticks.map((t) => t.value)} tickFormatter={tickFormatter(ticks)} width={64} tick={TICK_STYLE} />
          <Tooltip formatter={tooltipText} />
          <Line type="monotone" dataKey="value" stroke={BRAND} strokeWidth={2.5} dot={false} connectNulls={false} isAnimationActive={false} />
          {target !== null ? (
            <ReferenceLine y={target} stroke={TARGET} strokeDasharray="8 4" strokeWidth={2} label={{ value: targetLabel, position: 'insideTopRight', fill: TARGET, fontSize: 13, style: { unicodeBidi: 'plaintext' } }} />
          ) : null}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/** One bar per row (horizontal bars: long labels stay readable on a phone). */
export function BarsChart({ points, ticks }: { points: ChartPoint[]; ticks: ChartTick[] }) {
  const height = Math.max(120, points.length * 30 + 40);
  return (
    <div dir="ltr" aria-hidden="true" style={{ inlineSize: '100%', blockSize: height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={points} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#d7dee5" strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" domain={[0, ticks.at(-1)?.value ?? 'auto']} ticks={ticks.map((t) => t.value)} tickFormatter={tickFormatter(ticks)} tick={TICK_STYLE} />
          <YAxis type="category" dataKey="label" width={140} tick={TICK_STYLE} interval={0} />
          <Tooltip formatter={tooltipText} />
          <Bar dataKey="value" fill={BRAND} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
