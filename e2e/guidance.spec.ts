// The guide, the eligibility checker, read-aloud, offline reading and
// privacy-safe attribution (issue 3), as a resident and a campaign see them.
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { guideValues } from '../lib/guidance';
import { everyPageLocales, expectNoAxeViolations, msg, rtl, sweepLocales, type Locale } from './support';

const topics = [
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
const stepCounts: Partial<Record<(typeof topics)[number], number>> = { 'with-chip-card': 5, 'with-legacy-card': 5, 'upgrade-to-ic': 4 };

/** The values the guide's messages take, formatted for a locale as the pages do. */
const values = (locale: Locale): Record<string, string> => guideValues(locale);
const t = (locale: Locale, key: string, extra: Record<string, string | number> = {}) => msg(locale, key, { ...values(locale), ...extra });

async function newPage(browser: Browser, javaScriptEnabled: boolean): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 412, height: 915 } });
  return context.newPage();
}

test.describe('@guidance guide', () => {
  for (const locale of ['en', 'vi', 'ar', 'km'] as const) {
    test(`@guidance the guide in ${locale}: every topic reachable from the home, with JavaScript off`, async ({ browser }) => {
      const page = await newPage(browser, false);
      await page.goto(`/${locale}`);
      await page.getByRole('link', { name: msg(locale, 'home.startGuide') }).click();
      await expect(page).toHaveURL(new RegExp(`/${locale}/guide$`));
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      await expect(page.locator('html')).toHaveAttribute('dir', rtl.has(locale) ? 'rtl' : 'ltr');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(locale, 'guide.index.title'));

      for (const topic of topics) {
        await page.locator('ol.topic-list').getByRole('link', { name: t(locale, `guide.index.topics.${topic}`), exact: true }).click();
        await expect(page).toHaveURL(new RegExp(`/${locale}/guide/${topic}$`));
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(locale, `guide.topics.${topic}.title`));
        // The reader's next question leads on.
        await expect(page.getByRole('navigation', { name: t(locale, 'guide.common.nextQuestion') }).getByRole('link')).toHaveText(
          t(locale, `guide.topics.${topic}.next`),
        );
        const steps = stepCounts[topic];
        if (steps) {
          // Each step shows where it stands: an ordered list with the step read marked current.
          for (let n = 1; n <= steps; n++) {
            const section = page.locator(`#step-${n}`);
            await expect(section.getByRole('heading', { level: 2 })).toContainText(t(locale, 'guide.common.stepOf', { current: n, total: steps }));
            const indicator = section.getByRole('list', { name: t(locale, 'guide.common.progress') });
            await expect(indicator.getByRole('listitem')).toHaveCount(steps);
            await expect(indicator.locator('[aria-current="step"]')).toHaveCount(1);
            await expect(indicator.getByRole('listitem').nth(n - 1)).toHaveAttribute('aria-current', 'step');
            await expect(indicator.locator('[aria-current="step"]')).toContainText(t(locale, `guide.topics.${topic}.stepTitles.s${n}`));
          }
        }
        if (topic === 'chip-or-legacy') {
          await expect(page.getByRole('img', { name: t(locale, 'guide.cards.chip.alt') })).toBeVisible();
          await expect(page.getByRole('img', { name: t(locale, 'guide.cards.legacy.alt') })).toBeVisible();
        }
        if (topic === 'help') {
          const offices = page.locator('#offices > li');
          await expect(offices).toHaveCount(15);
          await expect(offices.first().getByRole('heading')).toHaveText(t(locale, 'guide.offices.seoul.name'));
          // Phone numbers dial as written and stay left to right.
          await expect(offices.first().locator('a[href="tel:1345"] bdi[dir="ltr"]')).toHaveText('1345');
          await expect(page.locator('a[href="tel:15771366"] bdi[dir="ltr"]').first()).toHaveText('1577-1366');
        }
        if (locale !== 'en') {
          const main = await page.locator('main').innerText();
          expect(main, `English left on /${locale}/guide/${topic}`).not.toContain(msg('en', `guide.topics.${topic}.title`));
        }
        await page.getByRole('link', { name: t(locale, 'guide.common.allTopics') }).click();
      }
      await page.context().close();
    });
  }
});

type Case = {
  name: string;
  answers: Record<string, string>;
  code: string;
  expectations: (page: Page) => Promise<void>;
};
const base = { age: '14plus', cardKind: 'chip', cardValid: 'yes', phoneOwn: 'yes', residence: 'residenceCard' };
const cases: Case[] = [
  {
    name: 'eligible with a chip card',
    answers: base,
    code: 'eligible_chip',
    expectations: async (page) => {
      const result = page.locator('.result');
      await expect(result.getByRole('heading', { level: 3 })).toHaveText(t('en', 'eligibility.results.eligibleChip.title'));
      await expect(result).toContainText(t('en', 'eligibility.results.eligibleChip.path'));
      await expect(result.locator('.checklist li')).toHaveText([1, 2, 3, 4, 5].map((i) => t('en', `eligibility.checklists.chip.i${i}`)));
      await expect(result.getByRole('link', { name: t('en', 'eligibility.results.eligibleChip.cta') })).toHaveAttribute('href', '/en/enroll');
    },
  },
  {
    name: 'eligible with an older card',
    answers: { ...base, cardKind: 'legacy', residence: 'permanentResidenceCard' },
    code: 'eligible_legacy',
    expectations: async (page) => {
      const result = page.locator('.result');
      await expect(result.getByRole('heading', { level: 3 })).toHaveText(t('en', 'eligibility.results.eligibleLegacy.title'));
      await expect(result.getByRole('heading', { level: 4 })).toHaveText(
        ['office', 'video', 'upgradeFirst'].map((k) => t('en', `eligibility.results.eligibleLegacy.${k}.title`)),
      );
      await expect(result).toContainText(t('en', 'eligibility.checklists.upgrade.i5'));
      await expect(result.getByRole('link', { name: t('en', 'eligibility.results.eligibleLegacy.upgradeFirst.cta') })).toHaveAttribute(
        'href',
        '/en/guide/upgrade-to-ic',
      );
    },
  },
  {
    name: 'under 14',
    answers: { ...base, age: 'under14' },
    code: 'not_eligible_under_14',
    expectations: async (page) => {
      const result = page.locator('.result');
      await expect(result.getByRole('heading', { level: 3 })).toHaveText(t('en', 'eligibility.results.notEligibleUnder14.title'));
      await expect(result).toContainText(t('en', 'eligibility.results.notEligibleUnder14.whatNext'));
    },
  },
  {
    name: 'phone not in own name',
    answers: { ...base, phoneOwn: 'no', cardKind: 'legacy' },
    code: 'not_eligible_phone_not_own',
    expectations: async (page) => {
      const result = page.locator('.result');
      await expect(result.getByRole('heading', { level: 3 })).toHaveText(t('en', 'eligibility.results.notEligiblePhone.title'));
      for (let i = 1; i <= 5; i++) await expect(result).toContainText(t('en', `eligibility.results.notEligiblePhone.how${i}`));
      await expect(result).toContainText(t('en', 'eligibility.checklists.phoneContract.i1'));
    },
  },
];

async function answer(page: Page, answers: Record<string, string>) {
  for (const [question, option] of Object.entries(answers)) {
    await page
      .getByRole('group', { name: t('en', `eligibility.questions.${question}.label`) })
      .getByLabel(t('en', `eligibility.questions.${question}.options.${option}`), { exact: true })
      .check();
  }
  await page.getByRole('button', { name: t('en', 'eligibility.submit') }).click();
}

test.describe('@guidance eligibility checker', () => {
  for (const javaScript of [true, false]) {
    const mode = javaScript ? 'JavaScript on (answered in the browser)' : 'JavaScript off (a form post)';
    test(`@guidance the checker's outcomes with ${mode}`, async ({ browser }) => {
      const page = await newPage(browser, javaScript);
      const posts: string[] = [];
      page.on('request', (r) => {
        if (r.method() === 'POST') posts.push(new URL(r.url()).pathname);
      });
      for (const c of cases) {
        posts.length = 0;
        await page.goto('/en/eligibility');
        if (javaScript) await expect(page.locator('form[data-enhanced]')).toHaveCount(1);
        await answer(page, c.answers);
        await expect(page.getByRole('heading', { level: 2, name: t('en', 'eligibility.results.heading') }), c.name).toBeVisible();
        await expect(page.locator('.result')).toHaveAttribute('data-code', c.code);
        await c.expectations(page);
        // The answers stay in the form to change them.
        for (const [question, option] of Object.entries(c.answers)) {
          await expect(page.locator(`input[name="${question}"][value="${option}"]`)).toBeChecked();
        }
        if (javaScript) {
          await expect.poll(() => posts).toEqual(['/api/funnel']);
        } else {
          expect(posts).toEqual(['/en/eligibility']);
        }
      }

      // Missing answers: a message beside each, a summary at the top, the given answers kept.
      await page.goto('/en/eligibility');
      if (javaScript) await expect(page.locator('form[data-enhanced]')).toHaveCount(1);
      await answer(page, { age: 'under14', phoneOwn: 'no' });
      const summary = page.locator('.error-summary');
      await expect(summary.getByRole('heading')).toHaveText(t('en', 'eligibility.validation.summaryTitle'));
      await expect(summary.getByRole('link')).toHaveText(
        ['cardKind', 'cardValid', 'residence'].map((q) => t('en', `eligibility.questions.${q}.label`)),
      );
      for (const q of ['cardKind', 'cardValid', 'residence']) {
        await expect(page.locator(`#${q}-error`)).toHaveText(t('en', 'eligibility.validation.required'));
      }
      await expect(page.locator('#age-error')).toHaveCount(0);
      await expect(page.locator('input[name="age"][value="under14"]')).toBeChecked();
      await expect(page.locator('input[name="phoneOwn"][value="no"]')).toBeChecked();
      await expect(page.locator('.result')).toHaveCount(0);
      if (javaScript) {
        await expect(summary).toBeFocused();
        // axe runs as a script in the page: only where the page runs scripts.
        await expectNoAxeViolations(page);
      }
      await page.context().close();
    });
  }
});

test.describe('@guidance read aloud', () => {
  test('@guidance the read-aloud button exists only where the browser has a voice for the page language', async ({ browser }) => {
    const context = await browser.newContext();
    // The browser's voice list, stubbed: English arrives late (voiceschanged),
    // Filipino ("fil") serves Tagalog pages; no voice for Vietnamese or Arabic.
    await context.addInitScript(() => {
      const spoken: string[] = [];
      let cancelled = 0;
      const voices = [
        { name: 'Test English', lang: 'en-US', localService: true, default: true, voiceURI: 'test-en' },
        { name: 'Test Filipino', lang: 'fil-PH', localService: true, default: false, voiceURI: 'test-fil' },
      ];
      let ready = false;
      const synth = window.speechSynthesis;
      synth.getVoices = () => (ready ? (voices as unknown as SpeechSynthesisVoice[]) : []);
      synth.speak = (u: SpeechSynthesisUtterance) => {
        spoken.push(u.text);
      };
      synth.cancel = () => {
        cancelled++;
      };
      Object.assign(window, { __speech: () => ({ spoken, cancelled }) });
      setTimeout(() => {
        ready = true;
        synth.dispatchEvent(new Event('voiceschanged'));
      }, 200);
    });
    const page = await context.newPage();

    await page.goto('/en/guide/what-is-it');
    const read = page.getByRole('button', { name: msg('en', 'guide.common.readAloud') });
    await read.click();
    const speech = () => page.evaluate(() => (window as unknown as { __speech: () => { spoken: string[]; cancelled: number } }).__speech());
    const { spoken } = await speech();
    expect(spoken[0]).toBe(msg('en', 'guide.topics.what-is-it.title'));
    expect(spoken).toContain(msg('en', 'guide.topics.what-is-it.p7'));
    expect(spoken.join(' ')).not.toContain(msg('en', 'guide.common.readAloud'));
    const stop = page.getByRole('button', { name: msg('en', 'guide.common.stopReading') });
    await expect(stop).toBeFocused();
    const before = (await speech()).cancelled;
    await stop.click();
    expect((await speech()).cancelled).toBeGreaterThan(before);
    await expect(read).toBeVisible();

    await page.goto('/tl/guide');
    await expect(page.locator('.read-aloud button')).toHaveCount(1);

    for (const path of ['/vi/guide/what-is-it', '/ar/guide']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      // Give the late voice list its time, then: no button at all, not a disabled one.
      await page.waitForFunction(() => window.speechSynthesis.getVoices().length > 0);
      await expect(page.locator('.read-aloud')).toHaveCount(0);
    }
    await context.close();
  });
});

test.describe('@guidance offline', () => {
  test('@guidance the whole guide and the checker work offline after one visit', async ({ browser }) => {
    const locale: Locale = (process.env.GUIDANCE_OFFLINE_LOCALE as Locale) || 'km';
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`/${locale}/guide`);
    const paths = [`/${locale}/guide`, ...topics.map((topic) => `/${locale}/guide/${topic}`), `/${locale}/eligibility`];
    await expect
      .poll(() => page.evaluate(async (all) => (await Promise.all(all.map((p) => caches.match(p)))).every(Boolean), paths), {
        timeout: 45_000,
      })
      .toBe(true);
    await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);

    await context.setOffline(true);
    for (const topic of topics) {
      await page.goto(`/${locale}/guide/${topic}`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(locale, `guide.topics.${topic}.title`));
    }
    // The checker answers in the browser, without the network.
    await page.goto(`/${locale}/eligibility`);
    await expect(page.locator('form[data-enhanced]')).toHaveCount(1);
    for (const [question, option] of Object.entries({ ...base, cardKind: 'legacy' })) {
      await page.locator(`input[name="${question}"][value="${option}"]`).check();
    }
    await page.locator('#checker-form button[type="submit"]').click();
    await expect(page.locator('.result')).toHaveAttribute('data-code', 'eligible_legacy');
    await expect(page.locator('.result h3')).toHaveText(t(locale, 'eligibility.results.eligibleLegacy.title'));
    await context.close();
  });
});

test.describe('@guidance accessibility', () => {
  for (const locale of sweepLocales) {
    test(`@guidance axe finds nothing on the guide pages and the checker in ${locale}`, async ({ browser }) => {
      // One page reused for all pages of the locale; no service worker (it
      // would only fetch pages in the background while axe runs).
      const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 412, height: 915 } });
      const page = await context.newPage();
      const pages = everyPageLocales.has(locale) ? topics : topics.slice(0, 1);
      for (const path of ['/guide', ...pages.map((topic) => `/guide/${topic}`), '/eligibility']) {
        const response = await page.goto(`/${locale}${path}`);
        expect(response?.status(), `/${locale}${path}`).toBe(200);
        await expectNoAxeViolations(page);
      }
      await page.context().close();
    });
  }
});

type Counter = { locale: string; campaign: string; event: string; count: number };
async function funnel(request: APIRequestContext, campaign: string): Promise<{ counters: Counter[]; tables: Record<string, number> }> {
  const response = await request.get(`/api/funnel/demo?campaign=${campaign}`);
  expect(response.status()).toBe(200);
  return response.json();
}
const countOf = (counters: Counter[], event: string, locale: string) =>
  counters.find((c) => c.event === event && c.locale === locale)?.count ?? 0;

test.describe('@guidance attribution', () => {
  test('@guidance @alone a campaign link counts guide views and checker answers for its campaign, and stores nothing else', async ({
    browser,
    request,
  }) => {
    const code = `e2e_${Date.now().toString(36)}`;
    const before = await funnel(request, code);
    expect(before.counters).toEqual([]);

    // What a visit without a campaign leaves behind, to compare with.
    const plain = await browser.newContext({ javaScriptEnabled: false });
    await (await plain.newPage()).goto('/vi/guide');
    const plainCookies = (await plain.cookies()).map((c) => c.name).sort();
    await plain.close();

    // A resident follows the campaign's link, reads on, and answers the checker (no JavaScript: a form post).
    const visit = await browser.newContext({ javaScriptEnabled: false });
    const page = await visit.newPage();
    await page.goto(`/vi/guide?c=${code}`);
    await page.goto('/vi/guide/help');
    await page.goto('/vi/guide/eligibility?c=<bad>');
    await page.goto('/vi/eligibility');
    for (const [question, option] of Object.entries(base)) await page.locator(`input[name="${question}"][value="${option}"]`).check();
    await page.locator('#checker-form button[type="submit"]').click();
    await expect(page.locator('.result')).toHaveAttribute('data-code', 'eligible_chip');

    // The visit is remembered by the code alone, in a session cookie; nothing else is added.
    const cookies = await visit.cookies();
    expect(cookies.map((c) => c.name).sort()).toEqual([...plainCookies, 'arc_c'].sort());
    const campaignCookie = cookies.find((c) => c.name === 'arc_c')!;
    expect(campaignCookie).toMatchObject({ value: code, httpOnly: true, expires: -1, sameSite: 'Lax', path: '/' });
    await visit.close();

    // A second visitor of the same campaign, JavaScript on: the browser answers, a beacon counts.
    const second = await browser.newContext();
    const page2 = await second.newPage();
    await page2.goto(`/vi/eligibility?c=${code}`);
    await expect(page2.locator('form[data-enhanced]')).toHaveCount(1);
    for (const [question, option] of Object.entries({ ...base, age: 'under14' })) {
      await page2.locator(`input[name="${question}"][value="${option}"]`).check();
    }
    await page2.locator('#checker-form button[type="submit"]').click();
    await expect(page2.locator('.result')).toHaveAttribute('data-code', 'not_eligible_under_14');

    await expect
      .poll(async () => countOf((await funnel(request, code)).counters, 'eligibility_answered:not_eligible_under_14', 'vi'))
      .toBe(1);
    await second.close();
    const after = await funnel(request, code);
    expect(countOf(after.counters, 'guide_viewed', 'vi')).toBe(3);
    expect(countOf(after.counters, 'eligibility_answered:eligible_chip', 'vi')).toBe(1);
    expect(after.counters.map((c) => c.event).sort()).toEqual(
      ['eligibility_answered:eligible_chip', 'eligibility_answered:not_eligible_under_14', 'guide_viewed'].sort(),
    );
    // Counters only: no table but the funnel counters gained a row.
    const changed = Object.keys(after.tables).filter((table) => after.tables[table] !== before.tables[table]);
    expect(changed.filter((table) => table !== 'funnel_daily')).toEqual([]);
  });
});

test('@guidance the funnel beacon counts an outcome and refuses anything else, never with a 5xx', async ({ request, baseURL }) => {
  const good = { event: 'eligibility_answered', outcome: 'eligible_chip', locale: 'en' };
  expect((await request.post('/api/funnel', { data: good, headers: { origin: baseURL! } })).status()).toBe(204);
  const bad: [string, unknown, Record<string, string>?][] = [
    ['not JSON', 'eligible', { 'content-type': 'application/json' }],
    ['an unknown outcome', { ...good, outcome: 'eligible_maybe' }],
    ['an unknown locale', { ...good, locale: 'xx' }],
    ['another event', { ...good, event: 'enrollment_started' }],
    ['answers instead of an outcome', { ...good, outcome: undefined, answers: { age: 'under14' } }],
    ['an array', [good]],
  ];
  for (const [what, data, headers] of bad) {
    const response = await request.post('/api/funnel', { data: data as object, headers });
    expect(response.status(), what).toBe(400);
    expect((await response.json()).error.code, what).toMatch(/^(bad_request|invalid_input)$/);
  }
  // Too large is its own answer (413), said as such, before the body is read to its end.
  const large = await request.post('/api/funnel', { data: { ...good, padding: 'x'.repeat(5000) } });
  expect(large.status()).toBe(413);
  expect((await large.json()).error.code).toBe('payload_too_large');
  const foreign = await request.post('/api/funnel', { data: good, headers: { origin: 'https://elsewhere.example' } });
  expect(foreign.status()).toBe(403);
});
