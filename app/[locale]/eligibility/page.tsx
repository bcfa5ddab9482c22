// The eligibility checker: a few plain questions → a personal answer.
// Works with JavaScript off (the form posts to a server action) and offline
// with JavaScript on (answered in the browser). Stores nothing personal.
import type { Metadata } from 'next';
import { hasLocale } from 'next-intl';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { routing } from '@/i18n/routing';
import { hrefOf, questionNames, questions, type Blocker, type Checklist } from '@/lib/guidance';
import { CardDrawings } from '@/components/card-drawings';
import { languageAlternates } from '../guide/_components/alternates';
import { guideText } from '../guide/_components/guide-text';
import { cardTexts } from '../guide/_components/topic-body';
import { EligibilityChecker, type CheckerText } from './checker';
import { answerEligibility } from './actions';
import '../guide/guide.css';

export function generateStaticParams() {
  return routing.locales.map((locale) => ({ locale }));
}

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) return {};
  const e = await guideText(locale, 'eligibility');
  return { title: e.plain('title'), description: e.plain('intro'), alternates: languageAlternates('/eligibility') };
}

const checklistSizes: Record<Checklist, number> = { chip: 5, office: 5, video: 6, upgrade: 5, phoneContract: 3 };
const blockerKeys: Record<Blocker, string> = {
  no_card: 'notEligibleNoCard',
  under_14: 'notEligibleUnder14',
  card_expired: 'notEligibleCardExpired',
  phone_not_own: 'notEligiblePhone',
};
const questionsWithHelp = new Set(['cardKind', 'cardValid', 'phoneOwn', 'residence']);

export default async function EligibilityPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const e = await guideText(locale, 'eligibility');
  const g = await guideText(locale, 'guide');
  const ui = await getTranslations({ locale, namespace: 'guideUi' });
  const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
  const titled = (key: string) => ({ title: e.plain(`${key}.title`), body: e.plain(`${key}.body`) });

  const text: CheckerText = {
    locale,
    questions: Object.fromEntries(
      questionNames.map((q) => [
        q,
        {
          label: e.plain(`questions.${q}.label`),
          ...(questionsWithHelp.has(q) ? { help: e.plain(`questions.${q}.help`) } : {}),
          options: Object.fromEntries(questions[q].map((o) => [o, e.plain(`questions.${q}.options.${o}`)])),
        },
      ]),
    ) as CheckerText['questions'],
    submit: e.plain('submit'),
    startOver: e.plain('startOver'),
    changeAnswers: e.plain('changeAnswers'),
    requiredNote: e.plain('requiredNote'),
    required: e.plain('validation.required'),
    summaryTitle: e.plain('validation.summaryTitle'),
    summary: e.plain('validation.summary'),
    results: {
      heading: e.plain('results.heading'),
      whyHeading: e.plain('results.whyHeading'),
      whatNextHeading: e.plain('results.whatNextHeading'),
      moreThanOne: e.plain('results.moreThanOne'),
      eligibleChip: { ...titled('results.eligibleChip'), path: e.plain('results.eligibleChip.path'), cta: e.plain('results.eligibleChip.cta') },
      eligibleLegacy: {
        ...titled('results.eligibleLegacy'),
        path: e.plain('results.eligibleLegacy.path'),
        office: titled('results.eligibleLegacy.office'),
        video: { ...titled('results.eligibleLegacy.video'), cta: e.plain('results.eligibleLegacy.video.cta') },
        upgradeFirst: { ...titled('results.eligibleLegacy.upgradeFirst'), cta: e.plain('results.eligibleLegacy.upgradeFirst.cta') },
      },
      eligibleNotSure: {
        ...titled('results.eligibleNotSure'),
        cta: e.plain('results.eligibleNotSure.cta'),
        ifChip: e.plain('results.eligibleNotSure.ifChip'),
        ifLegacy: e.plain('results.eligibleNotSure.ifLegacy'),
      },
      blockers: Object.fromEntries(
        (Object.keys(blockerKeys) as Blocker[]).map((b) => [
          b,
          { ...titled(`results.${blockerKeys[b]}`), whatNext: e.rich(`results.${blockerKeys[b]}.whatNext`) },
        ]),
      ) as CheckerText['results']['blockers'],
      phoneHow: range(5).map((n) => e.plain(`results.notEligiblePhone.how${n}`)),
    },
    checklistHeading: e.plain('checklists.heading'),
    checklists: Object.fromEntries(
      (Object.keys(checklistSizes) as Checklist[]).map((c) => [c, range(checklistSizes[c]).map((n) => e.plain(`checklists.${c}.i${n}`))]),
    ) as CheckerText['checklists'],
    findOffice: ui('findOffice'),
    helpLink: g.plain('index.topics.help'),
    hrefs: {
      checker: hrefOf(locale, { page: 'checker' }),
      enroll: hrefOf(locale, { page: 'enroll' }),
      bookVideo: hrefOf(locale, { page: 'bookVideo' }),
      chipOrLegacy: hrefOf(locale, { topic: 'chip-or-legacy' }),
      upgrade: hrefOf(locale, { topic: 'upgrade-to-ic' }),
      offices: hrefOf(locale, { topic: 'help', hash: 'offices' }),
      help: hrefOf(locale, { topic: 'help' }),
    },
  };
  const cards = cardTexts(g);

  return (
    <>
      <h1>{e.plain('title')}</h1>
      <p className="lead">{e.plain('intro')}</p>
      <p className="note">{e.plain('privacy')}</p>
      <EligibilityChecker
        text={text}
        action={answerEligibility}
        cards={<CardDrawings chip={cards.chip} legacy={cards.legacy} compact />}
      />
    </>
  );
}
