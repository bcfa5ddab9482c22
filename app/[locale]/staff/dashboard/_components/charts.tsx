'use client';
// The dashboard's charts (recharts). Each draws figures that the table
// beside it holds too, so the chart is hidden from screen readers and the
// table is what they read. Always drawn left to right (recharts' axes
// overlap inside dir="rtl"). Hidden counts ("<10") are gaps, never zeros.
import { Bar, BarChart, CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export type ChartPoint = { label: string; value: number | null };

function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  // A browser without the locale's number data would answer in its own: use Latin digits then.
  const supported = Intl.NumberFormat.supportedLocalesOf([locale]).length > 0;
  return new Intl.NumberFormat(supported ? locale : 'en', options);
}

const BRAND = '#0b4f8a';
const TARGET = '#7a5200';

/** Adoption rate (percent) per day, with the target as a dashed, labelled line. */
export function SeriesChart({
  locale,
  points,
  target,
  targetLabel,
}: {
  locale: string;
  points: ChartPoint[];
  target: number | null;
  targetLabel: string;
}) {
  const percent = numberFormat(locale, { maximumFractionDigits: 1 });
  const max = Math.max(target ?? 0, ...points.map((p) => p.value ?? 0));
  return (
    <div dir="ltr" aria-hidden="true" style={{ inlineSize: '100%', blockSize: 280 }}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 16, right: 24, bottom: 8, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#d7dee5" strokeDasharray="3 3" />
          <XAxis dataKey="label" minTickGap={48} tick={{ fontSize: 12 }} />
          <YAxis domain={[0, Math.ceil(max * 1.1 + 0.5)]} tickFormatter={(v: number) => `${percent.format(v)}%`} width={56} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? `${percent.format(v)}%` : '—')} />
          <Line type="monotone" dataKey="value" stroke={BRAND} strokeWidth={2.5} dot={false} connectNulls={false} isAnimationActive={false} />
          {target !== null ? (
            <ReferenceLine y={target} stroke={TARGET} strokeDasharray="8 4" strokeWidth={2} label={{ value: targetLabel, position: 'insideTopRight', fill: TARGET, fontSize: 13 }} />
          ) : null}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/** One bar per row (horizontal bars: long labels stay readable on a phone). */
export function BarsChart({ locale, points, unit }: { locale: string; points: ChartPoint[]; unit: 'count' | 'percent' | 'days' }) {
  const format = numberFormat(locale, { maximumFractionDigits: 1 });
  const suffix = unit === 'percent' ? '%' : '';
  const height = Math.max(120, points.length * 30 + 40);
  return (
    <div dir="ltr" aria-hidden="true" style={{ inlineSize: '100%', blockSize: height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={points} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#d7dee5" strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tickFormatter={(v: number) => `${format.format(v)}${suffix}`} tick={{ fontSize: 12 }} />
          <YAxis type="category" dataKey="label" width={140} tick={{ fontSize: 12 }} interval={0} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? `${format.format(v)}${suffix}` : '—')} />
          <Bar dataKey="value" fill={BRAND} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
