// The steps of a step page (getting the card with a chip card, with an
// older card, changing to a chip card): a list of the steps at the top, then
// each step as its own section (#step-1 …) showing where it stands in the
// process — an ordered list with aria-current="step" on the step read.
import { formatNumber } from '@/lib/i18n';
import { Rich, type GuideText } from './guide-text';

export function Steps({ g, slug, total }: { g: GuideText; slug: string; total: number }) {
  const numbers = Array.from({ length: total }, (_, i) => i + 1);
  const title = (n: number) => g.plain(`topics.${slug}.stepTitles.s${n}`);
  return (
    <div className="steps">
      <nav aria-labelledby="steps-heading" className="steps-overview">
        <h2 id="steps-heading">{g.plain('common.steps')}</h2>
        <ol>
          {numbers.map((n) => (
            <li key={n}>
              <a href={`#step-${n}`}>{title(n)}</a>
            </li>
          ))}
        </ol>
      </nav>
      {numbers.map((n) => (
        <section key={n} id={`step-${n}`} className="step" aria-labelledby={`step-${n}-heading`}>
          <h2 id={`step-${n}-heading`} className="step-heading">
            <span className="step-of">{g.plain('common.stepOf', { current: n, total })}</span>
            <span className="step-title">{title(n)}</span>
          </h2>
          <ol className="step-indicator" aria-label={g.plain('common.progress')}>
            {numbers.map((m) => {
              const state = m < n ? 'done' : m === n ? 'current' : 'todo';
              const stateLabel = g.plain(state === 'done' ? 'common.stepDone' : state === 'current' ? 'common.stepCurrent' : 'common.stepTodo');
              return (
                <li key={m} className={`step-dot ${state}`} aria-current={state === 'current' ? 'step' : undefined}>
                  <span className="dot" aria-hidden="true">
                    {state === 'done' ? '✓' : formatNumber(g.locale, m)}
                  </span>
                  <span className="visually-hidden">
                    {title(m)}: {stateLabel}
                  </span>
                </li>
              );
            })}
          </ol>
          <p>
            <Rich text={g.rich(`topics.${slug}.step${n}`)} />
          </p>
        </section>
      ))}
    </div>
  );
}
