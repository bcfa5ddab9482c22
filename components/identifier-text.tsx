// A hint or sentence that carries an example identifier — a registration
// number (960412-6123456), a card serial (IC123456789) — written into the
// message itself: each identifier is isolated left to right and kept on one
// line (a narrow phone broke "960412-" from "6123456" at the hyphen). Also
// strips the isolate marks a message may already carry around it.
import { Fragment } from 'react';

const IDENTIFIER = /\u2066?((?:\d{6}-\d{7})|(?:[A-Z]{2}\d{9}))\u2069?/g;

export function IdentifierText({ text }: { text: string }) {
  const out: React.ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(IDENTIFIER)) {
    out.push(<Fragment key={`t${last}`}>{text.slice(last, m.index)}</Fragment>);
    out.push(
      <bdi key={`i${m.index}`} dir="ltr" className="identifier">
        {m[1]}
      </bdi>,
    );
    last = m.index + m[0].length;
  }
  out.push(<Fragment key="end">{text.slice(last)}</Fragment>);
  return <>{out}</>;
}
