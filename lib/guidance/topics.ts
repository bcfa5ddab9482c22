// The guide's topics: their order, what each page shows and in which order
// (messages.mjs sorts keys alphabetically, so the order lives here, not in
// messages/<locale>.json), and where the reader's likely next question
// leads. Plain data, no framework: the pages render it, the service worker
// (through lib/guidance/offline-pages.ts) lists the pages it keeps offline.

export const topicSlugs = [
  'what-is-it',
  'eligibility',
  'chip-or-legacy',
  'with-chip-card',
  'with-legacy-card',
  'upgrade-to-ic',
  'change-or-lose-phone',
  'where-accepted',
  'security-privacy',
  'help',
  'faq',
] as const;

export type TopicSlug = (typeof topicSlugs)[number];

export function isTopicSlug(value: unknown): value is TopicSlug {
  return typeof value === 'string' && (topicSlugs as readonly string[]).includes(value);
}

/** Pages of the app (outside the guide) that topics link to, after the locale prefix. */
export const appPages = {
  checker: '/eligibility',
  enroll: '/enroll',
  // The booking and loss-report pages belong to later issues; their
  // addresses are named here once so that the guide links follow them.
  bookVideo: '/booking',
  reportLoss: '/loss',
  // The audit log's public page: its latest signed checkpoint.
  transparency: '/transparency',
} as const;

export type AppPage = keyof typeof appPages;

export type LinkTarget = { topic: TopicSlug; hash?: string } | { page: AppPage };

/** "/vi/guide/help#offices", "/vi/eligibility", … */
export function hrefOf(locale: string, to: LinkTarget): string {
  if ('page' in to) return `/${locale}${appPages[to.page]}`;
  return `/${locale}/guide/${to.topic}${to.hash ? `#${to.hash}` : ''}`;
}

export function guideIndexHref(locale: string): string {
  return `/${locale}/guide`;
}

/**
 * One piece of a topic's body. Keys name messages under
 * guide.topics.<slug> unless said otherwise.
 */
export type Block =
  | { kind: 'p'; key: string }
  /** A section heading (h2). */
  | { kind: 'h'; key: string }
  | { kind: 'list'; keys: readonly string[]; ordered?: boolean }
  /** Two or more choices side by side (e.g. office visit or video check). */
  | { kind: 'options'; keys: readonly string[] }
  /** What to bring: a paragraph shown as a checklist panel. */
  | { kind: 'bring'; key: string }
  | { kind: 'note'; key: string }
  /** The drawings of a chip card and an older card (guide.cards). */
  | { kind: 'cards' }
  /** The step indicator and the steps (step1…stepN, stepTitles.s1…sN). */
  | { kind: 'steps' }
  | { kind: 'cta'; key: string; to: LinkTarget; primary?: boolean }
  | { kind: 'links'; items: readonly { key: string; to: LinkTarget }[] }
  /** The immigration offices (guide.offices), with tel: links. */
  | { kind: 'offices' }
  /** guide.faq.q1…qN. */
  | { kind: 'faq' };

export type Topic = {
  slug: TopicSlug;
  body: readonly Block[];
  /** Numbered steps a person goes through; the page shows a step indicator. */
  steps?: number;
  /** Where guide.topics.<slug>.next leads: the reader's likely next question. */
  next: LinkTarget;
};

const p = (...keys: string[]): Block[] => keys.map((key) => ({ kind: 'p', key }));
const h = (key: string): Block => ({ kind: 'h', key });

export const officeIds = [
  'seoul',
  'seoul-southern',
  'incheon',
  'suwon',
  'yangju',
  'busan',
  'daegu',
  'daejeon',
  'gwangju',
  'ulsan',
  'changwon',
  'cheongju',
  'jeonju',
  'chuncheon',
  'jeju',
] as const;

export const FAQ_COUNT = 15;

/** Phone numbers the guide names; shown left to right in every language, dialled as written. */
export const phoneNumbers = {
  phone: '1345',
  danuriPhone: '1577-1366',
  police: '112',
  ambulance: '119',
} as const;

/** Month in which the guide's facts were last checked (guide.common.updated). */
export const FACTS_CHECKED = '2025-06';

/** The chip card's fee (won) and how long a new card takes (weeks). */
export const IC_CARD_FEE_KRW = 35_000;
export const IC_CARD_WEEKS = 2;
/** What a convenience store sees: "19 or over". */
export const ADULT_AGE = 19;

export const topics: Record<TopicSlug, Topic> = {
  'what-is-it': {
    slug: 'what-is-it',
    body: p('p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'),
    next: { topic: 'eligibility' },
  },
  eligibility: {
    slug: 'eligibility',
    body: [
      ...p('p1'),
      { kind: 'list', keys: ['list1', 'list2', 'list3', 'list4'] },
      ...p('p2', 'p3', 'p4'),
      { kind: 'cta', key: 'checkCta', to: { page: 'checker' }, primary: true },
    ],
    next: { topic: 'chip-or-legacy' },
  },
  'chip-or-legacy': {
    slug: 'chip-or-legacy',
    body: [
      ...p('p1'),
      { kind: 'cards' },
      ...p('p2', 'p3', 'p4', 'p5', 'p6', 'p7'),
      {
        kind: 'links',
        items: [
          { key: 'chipLink', to: { topic: 'with-chip-card' } },
          { key: 'legacyLink', to: { topic: 'with-legacy-card' } },
        ],
      },
    ],
    next: { topic: 'with-chip-card' },
  },
  'with-chip-card': {
    slug: 'with-chip-card',
    steps: 5,
    body: [...p('p1', 'p2'), { kind: 'steps' }, ...p('p3', 'p4'), { kind: 'note', key: 'demoNote' }],
    next: { topic: 'where-accepted' },
  },
  'with-legacy-card': {
    slug: 'with-legacy-card',
    steps: 5,
    body: [
      ...p('p1'),
      { kind: 'options', keys: ['p2', 'p3'] },
      ...p('p4'),
      { kind: 'steps' },
      { kind: 'bring', key: 'p5' },
      ...p('p6'),
      { kind: 'cta', key: 'bookVideo', to: { page: 'bookVideo' }, primary: true },
    ],
    next: { topic: 'upgrade-to-ic' },
  },
  'upgrade-to-ic': {
    slug: 'upgrade-to-ic',
    steps: 4,
    body: [...p('p1', 'p2', 'p3', 'p4'), { kind: 'steps' }, ...p('p5')],
    next: { topic: 'change-or-lose-phone' },
  },
  'change-or-lose-phone': {
    slug: 'change-or-lose-phone',
    body: [
      ...p('p1'),
      h('h1'),
      ...p('p2', 'p3', 'p4'),
      h('h2'),
      { kind: 'list', keys: ['step1', 'step2', 'step3', 'step4'], ordered: true },
      ...p('p5', 'p6'),
      { kind: 'cta', key: 'reportLoss', to: { page: 'reportLoss' }, primary: true },
    ],
    next: { topic: 'security-privacy' },
  },
  'where-accepted': {
    slug: 'where-accepted',
    body: [
      ...p('p1'),
      { kind: 'list', keys: ['list1', 'list2', 'list3', 'list4', 'list5'] },
      ...p('p2', 'p3'),
      { kind: 'list', keys: ['show1', 'show2', 'show3'] },
      ...p('p4', 'p5', 'p6'),
    ],
    next: { topic: 'security-privacy' },
  },
  'security-privacy': {
    slug: 'security-privacy',
    body: [
      h('h1'),
      ...p('p1', 'p2'),
      h('h2'),
      ...p('p3', 'p4'),
      h('h3'),
      ...p('p5', 'p6'),
      h('h4'),
      ...p('p7', 'p8'),
      h('h5'),
      ...p('p9', 'p10', 'p11'),
      { kind: 'cta', key: 'transparency', to: { page: 'transparency' } },
      h('h6'),
      ...p('p12'),
    ],
    next: { topic: 'help' },
  },
  help: {
    slug: 'help',
    body: [
      h('h1'),
      ...p('p1', 'p2', 'p3'),
      h('h2'),
      ...p('p4', 'p5'),
      h('h3'),
      ...p('p6', 'p7', 'p8'),
      { kind: 'offices' },
      h('h4'),
      ...p('p9'),
    ],
    next: { topic: 'faq' },
  },
  faq: {
    slug: 'faq',
    body: [...p('p1'), { kind: 'faq' }],
    next: { page: 'checker' },
  },
};

/** The topic before and after a topic in reading order. */
export function neighbours(slug: TopicSlug): { previous?: TopicSlug; following?: TopicSlug } {
  const i = topicSlugs.indexOf(slug);
  return { previous: topicSlugs[i - 1], following: topicSlugs[i + 1] };
}

/** Paths (after the locale) of every guide page and of the checker, for offline reading. */
export const guideOfflinePaths: readonly string[] = [
  '/guide',
  ...topicSlugs.map((slug) => `/guide/${slug}`),
  appPages.checker,
];
