// Drawings of the two kinds of registration card, made for this app (no
// real card images): a chip (IC) card, with the gold contact chip on the
// left of its front, and an older card without one. The drawings stay as
// they are in right-to-left pages: a real card is not mirrored.
// Server component; the captions and alt text come translated as props.
import type { ReactNode } from 'react';

export type CardDrawingText = { name: string; alt: string; caption: string; lookFor: string };

type Props = {
  chip: CardDrawingText;
  legacy: CardDrawingText;
  /** Small drawings beside a question (the eligibility checker). */
  compact?: boolean;
  /** Heading level of each card's name. */
  headingLevel?: 3 | 4;
};

function Lines({ x, y, widths }: { x: number; y: number; widths: number[] }) {
  return (
    <>
      {widths.map((w, i) => (
        <rect key={i} x={x} y={y + i * 18} width={w} height={8} rx={4} fill="#7b8fa3" />
      ))}
    </>
  );
}

function Portrait({ x }: { x: number }) {
  return (
    <g>
      <rect x={x} y={58} width={70} height={90} rx={6} fill="#d5e0ea" stroke="#8ea3b7" strokeWidth={2} />
      <circle cx={x + 35} cy={92} r={16} fill="#8ea3b7" />
      <path d={`M${x + 8} 146c2-22 14-32 27-32s25 10 27 32z`} fill="#8ea3b7" />
    </g>
  );
}

function CardFrame({ children, id, label }: { children: ReactNode; id: string; label: string }) {
  return (
    <svg viewBox="0 0 340 214" role="img" aria-labelledby={id} className="card-drawing" focusable="false">
      <title id={id}>{label}</title>
      <rect x={2} y={2} width={336} height={210} rx={16} fill="#eef4fa" stroke="#6d86a0" strokeWidth={3} />
      <path d="M2 18a16 16 0 0 1 16-16h304a16 16 0 0 1 16 16v22H2z" fill="#2f6fa6" />
      <rect x={18} y={15} width={120} height={9} rx={4.5} fill="#ffffff" />
      <rect x={150} y={15} width={60} height={9} rx={4.5} fill="#b9d3ea" />
      {children}
    </svg>
  );
}

export function ChipCardDrawing({ label, id = 'card-chip' }: { label: string; id?: string }) {
  return (
    <CardFrame id={id} label={label}>
      {/* The contact chip: a gold square on the front, left side. */}
      <g>
        <rect x={26} y={74} width={58} height={46} rx={8} fill="#e0b13a" stroke="#9a7412" strokeWidth={2.5} />
        <path
          d="M26 90h20M26 104h20M64 90h20M64 104h20M46 74v46M64 74v46M46 97h18"
          stroke="#9a7412"
          strokeWidth={2}
          fill="none"
        />
      </g>
      <Lines x={100} y={64} widths={[110, 90, 120, 70]} />
      <Portrait x={246} />
      <Lines x={26} y={166} widths={[200]} />
      <rect x={26} y={188} width={140} height={8} rx={4} fill="#7b8fa3" />
    </CardFrame>
  );
}

export function LegacyCardDrawing({ label, id = 'card-legacy' }: { label: string; id?: string }) {
  return (
    <CardFrame id={id} label={label}>
      <Portrait x={24} />
      <Lines x={112} y={64} widths={[150, 120, 170, 100]} />
      <Lines x={112} y={166} widths={[150]} />
      <rect x={112} y={188} width={120} height={8} rx={4} fill="#7b8fa3" />
      {/* A printed seal, no chip. */}
      <circle cx={300} cy={176} r={18} fill="none" stroke="#b07a8a" strokeWidth={3} />
      <circle cx={300} cy={176} r={9} fill="#e3c6cf" />
    </CardFrame>
  );
}

export function CardDrawings({ chip, legacy, compact = false, headingLevel = 3 }: Props) {
  const Name = `h${headingLevel}` as 'h3' | 'h4';
  const idSuffix = compact ? '-q' : '';
  return (
    <div className={compact ? 'card-drawings compact' : 'card-drawings'}>
      <figure className="card-figure">
        <ChipCardDrawing label={chip.alt} id={`card-chip${idSuffix}`} />
        <figcaption>
          {compact ? <strong>{chip.name}</strong> : <Name className="card-name">{chip.name}</Name>}
          <span className="card-caption">{chip.caption}</span>
          {compact ? null : <span className="card-look">{chip.lookFor}</span>}
        </figcaption>
      </figure>
      <figure className="card-figure">
        <LegacyCardDrawing label={legacy.alt} id={`card-legacy${idSuffix}`} />
        <figcaption>
          {compact ? <strong>{legacy.name}</strong> : <Name className="card-name">{legacy.name}</Name>}
          <span className="card-caption">{legacy.caption}</span>
          {compact ? null : <span className="card-look">{legacy.lookFor}</span>}
        </figcaption>
      </figure>
    </div>
  );
}
