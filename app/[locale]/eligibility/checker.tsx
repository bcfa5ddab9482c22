'use client';
// The eligibility checker's form and answer. Without JavaScript the form
// posts to the server action (useActionState renders its answer on the
// server); with JavaScript the same pure function (lib/guidance/eligibility)
// answers in the browser, so the checker also works offline, and only the
// outcome is counted, by a beacon. The answers are kept in the page only.
import { useActionState, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import {
  checkAnswers,
  questionNames,
  questions,
  type Blocker,
  type Checklist,
  type OutcomeCode,
  type Question,
} from '@/lib/guidance';
import { Rich } from '../guide/_components/phone-text';

export type CheckerState = {
  submitted: boolean;
  answers: Partial<Record<Question, string>>;
};

export const emptyCheckerState: CheckerState = { submitted: false, answers: {} };

type Titled = { title: string; body: string };

export type CheckerText = {
  locale: string;
  questions: Record<Question, { label: string; help?: string; options: Record<string, string> }>;
  submit: string;
  startOver: string;
  changeAnswers: string;
  requiredNote: string;
  required: string;
  summaryTitle: string;
  summary: string;
  results: {
    heading: string;
    whyHeading: string;
    whatNextHeading: string;
    moreThanOne: string;
    eligibleChip: Titled & { path: string; cta: string };
    eligibleLegacy: Titled & {
      path: string;
      office: Titled;
      video: Titled & { cta: string };
      upgradeFirst: Titled & { cta: string };
    };
    eligibleNotSure: Titled & { cta: string; ifChip: string; ifLegacy: string };
    blockers: Record<Blocker, Titled & { whatNext: string }>;
    phoneHow: string[];
  };
  checklistHeading: string;
  checklists: Record<Checklist, string[]>;
  findOffice: string;
  helpLink: string;
  hrefs: { checker: string; enroll: string; bookVideo: string; chipOrLegacy: string; upgrade: string; offices: string; help: string };
};

type Props = {
  text: CheckerText;
  action: (state: CheckerState, form: FormData) => Promise<CheckerState>;
  /** The card drawings shown with the card question (server-rendered). */
  cards: ReactNode;
};

/** Counts the outcome (never the answers) when the answer was made in the browser. */
function countOutcome(locale: string, outcome: OutcomeCode) {
  try {
    const body = new Blob([JSON.stringify({ event: 'eligibility_answered', outcome, locale })], { type: 'application/json' });
    navigator.sendBeacon?.('/api/funnel', body);
  } catch {
    // Offline or blocked: the answer matters, the counter does not.
  }
}

function List({ items }: { items: string[] }) {
  return (
    <ul className="checklist">
      {items.map((item) => (
        <li key={item}>
          <Rich text={item} />
        </li>
      ))}
    </ul>
  );
}

function Answer({ text, answers }: { text: CheckerText; answers: CheckerState['answers'] }) {
  const checked = checkAnswers((q) => answers[q]);
  if (checked.status !== 'answered') return null;
  const { outcome } = checked;
  const r = text.results;
  if (!outcome.eligible) {
    return (
      <>
        {outcome.reasons.length > 1 ? <p>{r.moreThanOne}</p> : null}
        {outcome.reasons.map((reason) => {
          const b = r.blockers[reason];
          return (
            <div key={reason} className="verdict no" data-outcome={`not_eligible_${reason}`}>
              <h3>{b.title}</h3>
              <h4>{r.whyHeading}</h4>
              <p>{b.body}</p>
              <h4>{r.whatNextHeading}</h4>
              <p>
                <Rich text={b.whatNext} />
              </p>
              {reason === 'phone_not_own' ? (
                <>
                  <List items={r.phoneHow} />
                  <h4>{text.checklistHeading}</h4>
                  <List items={text.checklists.phoneContract} />
                </>
              ) : null}
            </div>
          );
        })}
        <p>
          <a href={text.hrefs.help}>{text.helpLink}</a>
        </p>
      </>
    );
  }
  if (outcome.cardKind === 'chip') {
    const c = r.eligibleChip;
    return (
      <div className="verdict" data-outcome="eligible_chip">
        <h3>{c.title}</h3>
        <p>{c.body}</p>
        <p className="path">{c.path}</p>
        <h4>{text.checklistHeading}</h4>
        <List items={text.checklists.chip} />
        <p>
          <a className="button primary" href={text.hrefs.enroll}>
            {c.cta}
          </a>
        </p>
      </div>
    );
  }
  if (outcome.cardKind === 'legacy') {
    const l = r.eligibleLegacy;
    return (
      <div className="verdict" data-outcome="eligible_legacy">
        <h3>{l.title}</h3>
        <p>{l.body}</p>
        <p className="path">{l.path}</p>
        <div className="path-options">
          <section className="path-option" aria-labelledby="path-office">
            <h4 id="path-office">{l.office.title}</h4>
            <p>{l.office.body}</p>
            <h5>{text.checklistHeading}</h5>
            <List items={text.checklists.office} />
            <a href={text.hrefs.offices}>{text.findOffice}</a>
          </section>
          <section className="path-option" aria-labelledby="path-video">
            <h4 id="path-video">{l.video.title}</h4>
            <p>{l.video.body}</p>
            <h5>{text.checklistHeading}</h5>
            <List items={text.checklists.video} />
            <a className="button primary" href={text.hrefs.bookVideo}>
              {l.video.cta}
            </a>
          </section>
          <section className="path-option" aria-labelledby="path-upgrade">
            <h4 id="path-upgrade">{l.upgradeFirst.title}</h4>
            <p>{l.upgradeFirst.body}</p>
            <h5>{text.checklistHeading}</h5>
            <List items={text.checklists.upgrade} />
            <a href={text.hrefs.upgrade}>{l.upgradeFirst.cta}</a>
          </section>
        </div>
      </div>
    );
  }
  const n = r.eligibleNotSure;
  return (
    <div className="verdict" data-outcome="eligible_not_sure">
      <h3>{n.title}</h3>
      <p>{n.body}</p>
      <div className="path-options">
        <section className="path-option">
          <p>{n.ifChip}</p>
          <h4>{text.checklistHeading}</h4>
          <List items={text.checklists.chip} />
        </section>
        <section className="path-option">
          <p>{n.ifLegacy}</p>
          <h4>{text.checklistHeading}</h4>
          <List items={text.checklists.office} />
        </section>
      </div>
      <p>
        <a className="button primary" href={text.hrefs.chipOrLegacy}>
          {n.cta}
        </a>
      </p>
    </div>
  );
}

export function EligibilityChecker({ text, action, cards }: Props) {
  const [serverState, formAction] = useActionState(action, emptyCheckerState);
  const [browserState, setBrowserState] = useState<CheckerState | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const state = browserState ?? serverState;
  const checked = state.submitted ? checkAnswers((q) => state.answers[q]) : null;
  const missing = new Set(checked?.status === 'incomplete' ? checked.missing : []);
  const resultRef = useRef<HTMLElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  // Set once hydrated: from then on the browser answers by itself.
  const [enhanced, setEnhanced] = useState(false);
  useEffect(() => setEnhanced(true), []);

  useEffect(() => {
    if (focusRequest === 0) return;
    (summaryRef.current ?? resultRef.current)?.focus();
  }, [focusRequest]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    // Answered here, in the browser: no request, so it works offline too.
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const answers: CheckerState['answers'] = {};
    for (const q of questionNames) {
      const value = form.get(q);
      if (typeof value === 'string') answers[q] = value;
    }
    setBrowserState({ submitted: true, answers });
    const result = checkAnswers((q) => answers[q]);
    if (result.status === 'answered') countOutcome(text.locale, result.code);
    setFocusRequest((n) => n + 1);
  };

  return (
    <div className="checker">
      {checked?.status === 'incomplete' ? (
        <div className="error-summary" ref={summaryRef} tabIndex={-1} aria-labelledby="error-summary-title">
          <h2 id="error-summary-title">{text.summaryTitle}</h2>
          <p>{text.summary}</p>
          <ul>
            {checked.missing.map((q) => (
              <li key={q}>
                <a href={`#field-${q}`}>{text.questions[q].label}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {checked?.status === 'answered' ? (
        <section className="result" ref={resultRef} tabIndex={-1} aria-labelledby="result-heading" data-code={checked.code}>
          <h2 id="result-heading" className="result-heading">
            {text.results.heading}
          </h2>
          <Answer text={text} answers={state.answers} />
          <p className="result-actions">
            <a href="#checker-form">{text.changeAnswers}</a>
            <a href={text.hrefs.checker}>{text.startOver}</a>
          </p>
        </section>
      ) : null}

      <form id="checker-form" action={formAction} onSubmit={onSubmit} noValidate data-enhanced={enhanced ? '' : undefined}>
        <input type="hidden" name="locale" value={text.locale} />
        <p className="note">{text.requiredNote}</p>
        {questionNames.map((q) => {
          const question = text.questions[q];
          const invalid = missing.has(q);
          const describedBy = [question.help ? `${q}-help` : null, invalid ? `${q}-error` : null].filter(Boolean).join(' ');
          return (
            <fieldset key={q} className={invalid ? 'invalid' : undefined} aria-describedby={describedBy || undefined}>
              <legend>{question.label}</legend>
              {question.help ? (
                <p id={`${q}-help`} className="help">
                  {question.help}
                </p>
              ) : null}
              {q === 'cardKind' ? cards : null}
              {invalid ? (
                <p id={`${q}-error`} className="field-error">
                  {text.required}
                </p>
              ) : null}
              <div className="choices">
                {questions[q].map((option, i) => (
                  <label key={option} className="choice">
                    <input
                      type="radio"
                      name={q}
                      value={option}
                      id={i === 0 ? `field-${q}` : `${q}-${option}`}
                      defaultChecked={state.answers[q] === option}
                    />
                    <span>{question.options[option]}</span>
                  </label>
                ))}
              </div>
            </fieldset>
          );
        })}
        <button type="submit" className="button primary">
          {text.submit}
        </button>
      </form>
    </div>
  );
}
