// Booking journeys (issue 10, the booking engine): a legacy-card resident
// finds a video check in their language, books it, reads the reference,
// downloads the calendar file (Korea's time, reminders), moves it and
// cancels it; the race for a one-seat slot (two phones and a crowd of API
// posts at once: exactly one wins, the others are told and offered the next
// free times); a full slot in Arabic (right to left) offering alternatives;
// and the whole booking with JavaScript off. axe on every page; assertions
// through translation keys.
import fs from 'node:fs';
import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { checkEligibility } from '../lib/eligibility';
import { DEFAULT_AS_OF, DEFAULT_SEED, DEMO_LEGACY_RESIDENT, generateResidents, type SyntheticResident } from '../lib/population';
import { expectNoAxeViolations, fillBirthDate, type Locale, maskedPhone, msg, newPhone, rtl } from './support';

// The population scripts/e2e-server.sh seeds; legacy-card residents who may
// enroll today, from the start of the list (the video journeys take theirs from the end).
const population = generateResidents({ seed: DEFAULT_SEED, asOf: DEFAULT_AS_OF }, 2000);
const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
const eligibleLegacy = population.filter(
  (r) => r.card.kind === 'legacy' && checkEligibility(r, { ...r.card, replacedAt: null }, today).eligible,
);
function legacyResident(n: number): SyntheticResident {
  const r = eligibleLegacy[n];
  if (!r) throw new Error('not enough eligible legacy-card residents in the seeded population');
  return r;
}

const baseURL = () => test.info().project.use.baseURL!;

/** The literal parts of a message (around its {placeholders}) all appear in the element's text. */
async function expectTemplate(locator: Locator, template: string) {
  const text = await locator.innerText();
  for (const part of template.split(/\{[^}]+\}/).map((p) => p.trim()).filter((p) => p.length > 1)) {
    expect(text, `"${part}" of "${template}"`).toContain(part);
  }
}

async function signInOfficer(page: Page) {
  await page.goto('/en/staff/demo');
  await page.getByRole('button', { name: msg('en', 'staff.demo.signInAs.officer') }).click();
  await page.waitForURL(/\/en\/staff$/);
}

/** The officer publishes a one-seat video slot on the staff page (days ahead, on 5-minute steps); returns its id. */
async function publishSlot(page: Page, languages: Locale[], daysAhead: number): Promise<string> {
  await page.goto('/en/staff/slots');
  await expectNoAxeViolations(page);
  const form = page.getByTestId('publish-form');
  const at = new Date(Date.now() + daysAhead * 86_400_000 + 9 * 3600_000);
  const minute = String(5 * Math.floor(Math.random() * 12)).padStart(2, '0');
  const hour = String(8 + Math.floor(Math.random() * 10)).padStart(2, '0');
  await form.getByLabel(msg('en', 'booking.kinds.video'), { exact: true }).check();
  await form.getByLabel(msg('en', 'staff.slots.date'), { exact: true }).fill(at.toISOString().slice(0, 10));
  await form.getByLabel(msg('en', 'staff.slots.time'), { exact: true }).fill(`${hour}:${minute}`);
  await form.getByLabel(msg('en', 'staff.slots.capacity'), { exact: true }).fill('1');
  for (const l of languages) await form.locator(`input[name="lang_${l}"]`).check();
  await form.getByRole('button', { name: msg('en', 'staff.slots.publish') }).click();
  await page.waitForURL(/[?&]published=/);
  await expect(page.getByTestId('slot-published')).toHaveText(msg('en', 'staff.slots.published'));
  const id = new URL(page.url()).searchParams.get('published');
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  return id!;
}

async function fillFacts(page: Page, locale: Locale, r: Pick<SyntheticResident, 'registrationNumber' | 'birthDate'> & { serial: string }) {
  const form = page.getByTestId('book-form');
  await form.getByLabel(msg(locale, 'booking.book.registrationNumber')).fill(r.registrationNumber);
  await form.getByLabel(msg(locale, 'booking.book.cardSerial')).fill(r.serial);
  await fillBirthDate(form, locale, 'booking.book', r.birthDate);
}

const SECRET_URL = (locale: string, query = '') => new RegExp(`/${locale}/booking/[A-Za-z0-9_-]{43}${query.replace('?', '\\?')}$`);

/** A booking through the JSON endpoint, as another client (its own address). */
function apiBook(request: APIRequestContext, slotId: string, r: SyntheticResident, client: string, locale: Locale = 'en') {
  return request.post('/api/booking', {
    data: { slotId, registrationNumber: r.registrationNumber, cardSerial: r.card.serial, birthDate: r.birthDate, locale },
    headers: { 'x-forwarded-for': client },
  });
}

/** Korea's wall clock of an instant, as an .ics local date-time: 20261203T143000. */
function seoulStamp(iso: string): string {
  return new Date(new Date(iso).getTime() + 9 * 3600_000).toISOString().replace(/[-:]/g, '').slice(0, 15);
}

test('@booking a legacy-card resident books a video check in Chinese, downloads the calendar file, moves the booking, then cancels it', async ({ browser }) => {
  const locale: Locale = 'zh-CN';
  const r = { ...DEMO_LEGACY_RESIDENT, serial: DEMO_LEGACY_RESIDENT.card.serial };
  const context = await newPhone(browser);
  const page = await context.newPage();
  try {
    // Find: the page's language is the default filter; choose video calls.
    await page.goto(`/${locale}/booking`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(locale, 'booking.title'));
    await expect(page.getByLabel(msg(locale, 'booking.filters.language'))).toHaveValue('zh-CN');
    await page.getByTestId('slot-filters').getByLabel(msg(locale, 'booking.kinds.video'), { exact: true }).check();
    await page.getByRole('button', { name: msg(locale, 'booking.filters.submit') }).click();
    await page.waitForURL(/kind=video/);
    await expectTemplate(page.getByTestId('first-free'), msg(locale, 'booking.wait.video'));
    await expect(page.getByTestId('first-free')).toContainText(new Intl.DisplayNames(['zh-CN'], { type: 'language' }).of('zh')!);
    await expectNoAxeViolations(page);
    const first = page.getByTestId('slot').first();
    await expect(first).toHaveAttribute('data-kind', 'video');
    await first.getByRole('link', { name: new RegExp(msg(locale, 'booking.slot.choose')) }).click();

    // Book: the three facts; a time taken meanwhile by another journey offers the next one right there.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(locale, 'booking.book.title'));
    await expectNoAxeViolations(page);
    await fillFacts(page, locale, r);
    await page.getByRole('button', { name: msg(locale, 'booking.book.submit') }).click();
    if (await page.getByTestId('slot-taken').isVisible().catch(() => false)) {
      await page.getByRole('button', { name: msg(locale, 'booking.book.submit') }).click();
    }
    await page.waitForURL(SECRET_URL(locale, '?booked=1'));
    const firstUrl = new URL(page.url());
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(locale, 'booking.booked.title'));
    await expect(page.getByTestId('just-booked')).toContainText(msg(locale, 'booking.booked.justBooked'));
    await expect(page.getByTestId('just-booked')).toContainText(msg(locale, 'booking.booked.smsSent'));
    const reference = (await page.getByTestId('reference').innerText()).trim();
    expect(reference).toMatch(/^B-[2-9A-HJ-NP-TV-Z]{4}-[2-9A-HJ-NP-TV-Z]{4}$/);
    await expect(page.getByTestId('reference')).toHaveAttribute('dir', 'ltr');
    expect(firstUrl.pathname).not.toContain(r.registrationNumber.slice(0, 6));
    for (const item of ['card', 'light', 'quiet', 'phone', 'battery']) {
      await expect(page.getByTestId('ready')).toContainText(msg(locale, `booking.ready.${item}`));
    }
    await expectNoAxeViolations(page);

    // The SMS (the demo's simulator) carries this page's link and the reference.
    const inbox = await context.newPage();
    await inbox.goto(`/${locale}/dev/inbox`);
    const sms = inbox.getByTestId('sms-row').filter({ has: inbox.getByTestId('sms-to').getByText(maskedPhone(r.phone), { exact: true }) }).first();
    await expect(sms.getByTestId('sms-body')).toContainText(`${baseURL()}${firstUrl.pathname}`);
    await expect(sms.getByTestId('sms-body')).toContainText(reference);
    await inbox.close();

    // The calendar file: Korea's time with its zone, the slot's length, two reminders, words in Chinese.
    const startsAt = (await page.getByTestId('when').locator('time').getAttribute('datetime'))!;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('calendar-link').click()]);
    expect(download.suggestedFilename()).toBe(`${reference}.ics`);
    const ics = fs.readFileSync((await download.path())!, 'utf8').replace(/\r\n[ \t]/g, '');
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain('TZID:Asia/Seoul');
    expect(ics).toContain(`\r\nDTSTART;TZID=Asia/Seoul:${seoulStamp(startsAt)}\r\n`);
    expect(ics.match(/BEGIN:VALARM/g)).toHaveLength(2);
    expect(ics).toMatch(/TRIGGER:-PT24H/);
    expect(ics).toMatch(/TRIGGER:-PT1H/);
    expect(ics).toContain(`SUMMARY:${msg(locale, 'booking.calendar.title.video')} · ${reference}`);
    expect(ics).toContain(`${baseURL()}${firstUrl.pathname}`);

    // Move it: another time; the booking gets a new link and reference, the old link says it moved.
    await page.getByRole('link', { name: msg(locale, 'booking.booked.reschedule') }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(locale, 'booking.reschedule.title'));
    await expectNoAxeViolations(page);
    // Ten times to choose from, the later ones a link away (the kind kept); the move takes the first of those.
    const choices = () => page.getByTestId('reschedule-form').getByTestId('slot').evaluateAll((els) => els.map((e) => e.getAttribute('data-slot-id')!));
    const soonest = await choices();
    expect(soonest).toHaveLength(10);
    await page.getByRole('link', { name: msg(locale, 'booking.laterTimes') }).click();
    await expect(page).toHaveURL(/kind=video/);
    const later = await choices();
    expect(later.length).toBeGreaterThan(0);
    expect(later.filter((id) => soonest.includes(id))).toEqual([]);
    await expect(page.getByRole('link', { name: msg(locale, 'booking.soonestTimes') })).toBeVisible();
    await page.getByTestId('reschedule-form').getByTestId('slot').first().locator('input[type="radio"]').check();
    await page.getByRole('button', { name: msg(locale, 'booking.reschedule.submit') }).click();
    await page.waitForURL(SECRET_URL(locale, '?moved=1'));
    await expect(page.getByTestId('just-moved')).toContainText(msg(locale, 'booking.booked.justMoved'));
    const movedReference = (await page.getByTestId('reference').innerText()).trim();
    expect(movedReference).not.toBe(reference);
    const movedUrl = new URL(page.url());
    await page.goto(firstUrl.pathname);
    await expect(page.getByTestId('status-moved')).toHaveText(msg(locale, 'booking.booked.status.moved'));
    await expect(page.getByRole('link', { name: msg(locale, 'booking.booked.reschedule') })).toHaveCount(0);

    // Cancel it, after saying yes once more.
    await page.goto(movedUrl.pathname);
    await page.getByRole('link', { name: msg(locale, 'booking.booked.cancel') }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(locale, 'booking.cancel.title'));
    await expect(page.getByText(msg(locale, 'booking.cancel.body'))).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: msg(locale, 'booking.cancel.confirm') }).click();
    await page.waitForURL(SECRET_URL(locale, '?cancelled=1'));
    await expect(page.getByTestId('just-cancelled')).toHaveText(msg(locale, 'booking.booked.justCancelled'));
    await expect(page.getByRole('link', { name: msg(locale, 'booking.booked.bookAgain') })).toHaveAttribute('href', `/${locale}/booking`);
    await expectNoAxeViolations(page);
  } finally {
    await context.close();
  }
});

test('@booking the booking race: two phones and a crowd of posts take one seat at once, exactly one wins, the others are offered the next times', async ({ browser, request }) => {
  const desk = await browser.newContext({ baseURL: baseURL() });
  const officer = await desk.newPage();
  const phones = [await newPhone(browser), await newPhone(browser)];
  try {
    await signInOfficer(officer);
    const slotId = await publishSlot(officer, ['vi'], 3 + Math.floor(Math.random() * 10));

    // Two residents on their phones, each with the form filled, ready to press the button.
    const pages = await Promise.all(phones.map((p) => p.newPage()));
    for (const [i, page] of pages.entries()) {
      await page.goto(`/vi/booking/slots/${slotId}`);
      const r = legacyResident(i);
      await fillFacts(page, 'vi', { ...r, serial: r.card.serial });
    }
    // 18 more residents post at the same moment, each from its own address.
    const crowd = Array.from({ length: 18 }, (_, i) => legacyResident(2 + i));
    const [apiAnswers] = await Promise.all([
      Promise.all(crowd.map((r, i) => apiBook(request, slotId, r, `10.77.0.${i + 1}`, 'vi'))),
      ...pages.map((page) => page.getByRole('button', { name: msg('vi', 'booking.book.submit') }).click()),
    ]);

    const apiCodes = await Promise.all(apiAnswers.map(async (a) => (a.status() === 201 ? 'won' : (((await a.json()) as { error: { code: string } }).error.code))));
    const phoneOutcomes = await Promise.all(
      pages.map(async (page) => {
        await expect(page.getByTestId('slot-taken').or(page.getByTestId('just-booked'))).toBeVisible({ timeout: 20_000 });
        return (await page.getByTestId('just-booked').isVisible()) ? 'won' : 'taken';
      }),
    );
    const winners = [...apiCodes, ...phoneOutcomes].filter((o) => o === 'won');
    expect(winners, `outcomes: ${JSON.stringify({ apiCodes, phoneOutcomes })}`).toHaveLength(1);
    expect(apiCodes.filter((c) => c !== 'won').every((c) => c === 'proofing.slot_full')).toBe(true);
    // Every loser that answered over the API got the next free slots with it.
    for (const a of apiAnswers.filter((x) => x.status() === 409)) {
      const body = (await a.json()) as { alternatives: Array<{ id: string }> };
      expect(body.alternatives.length).toBeGreaterThan(0);
      expect(body.alternatives.map((s) => s.id)).not.toContain(slotId);
    }
    // A phone that lost is told plainly, in Vietnamese, and offered the next times with its details kept.
    for (const [i, page] of pages.entries()) {
      if (phoneOutcomes[i] !== 'taken') continue;
      await expect(page.getByTestId('slot-taken').getByRole('heading')).toHaveText(msg('vi', 'booking.book.takenTitle'));
      await expect(page.getByTestId('slot-taken')).toContainText(msg('vi', 'booking.book.takenBody'));
      await expect(page.getByTestId('alternative').first()).toBeVisible();
      await expect(page.getByTestId('book-form').getByLabel(msg('vi', 'booking.book.registrationNumber'))).toHaveValue(legacyResident(i).registrationNumber);
      await expectNoAxeViolations(page);
    }
    // The officer sees one seat of one taken.
    await officer.goto('/en/staff/slots');
    await expect(officer.locator(`[data-slot-id="${slotId}"]`).getByTestId('seats')).toHaveText(msg('en', 'staff.slots.seats', { booked: 1, capacity: 1 }));
    await expect(officer.locator(`[data-slot-id="${slotId}"]`).getByTestId('officer-booking')).toHaveCount(1);
  } finally {
    await desk.close();
    for (const p of phones) await p.close();
  }
});

test('@booking a full slot in Arabic (right to left): the time was just taken, the next free times are offered right there and one books', async ({ browser, request }) => {
  const locale: Locale = 'ar';
  const desk = await browser.newContext({ baseURL: baseURL() });
  const phone = await newPhone(browser);
  try {
    const officer = await desk.newPage();
    await signInOfficer(officer);
    const slotId = await publishSlot(officer, ['ar'], 4 + Math.floor(Math.random() * 10));
    const page = await phone.newPage();
    await page.goto(`/${locale}/booking/slots/${slotId}`);
    await expect(page.locator('html')).toHaveAttribute('dir', rtl.has(locale) ? 'rtl' : 'ltr');
    await expect(page.getByTestId('chosen-slot')).toBeVisible();
    await expectNoAxeViolations(page);
    const r = legacyResident(30);
    // Typed on an Arabic keyboard: the registration number in Arabic-Indic digits (٠-٩).
    const typed = r.registrationNumber.replace(/\d/g, (d) => String.fromCodePoint(0x0660 + Number(d)));
    await fillFacts(page, locale, { ...r, registrationNumber: typed, serial: r.card.serial });

    // Someone else takes the seat while the form is being filled in.
    const other = await apiBook(request, slotId, legacyResident(31), '10.78.0.1', locale);
    expect(other.status()).toBe(201);
    await page.getByRole('button', { name: msg(locale, 'booking.book.submit') }).click();

    const taken = page.getByTestId('slot-taken');
    await expect(taken.getByRole('heading')).toHaveText(msg(locale, 'booking.book.takenTitle'));
    await expect(taken).toContainText(msg(locale, 'booking.book.takenBody'));
    await expect(taken).toBeFocused();
    await expect(page.getByRole('group', { name: msg(locale, 'booking.book.alternativesLegend') })).toBeVisible();
    const alternatives = page.getByTestId('alternative');
    expect(await alternatives.count()).toBeGreaterThan(0);
    await expect(alternatives.first().locator('input[type="radio"]')).toBeChecked();
    await expect(page.getByLabel(msg(locale, 'booking.book.registrationNumber'))).toHaveValue(typed);
    await expectNoAxeViolations(page);

    // The first offered time, with the details as typed.
    await page.getByRole('button', { name: msg(locale, 'booking.book.submit') }).click();
    await page.waitForURL(SECRET_URL(locale, '?booked=1'));
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.getByTestId('just-booked')).toContainText(msg(locale, 'booking.booked.justBooked'));
    await expect(page.getByTestId('reference')).toHaveAttribute('dir', 'ltr');
    await expectNoAxeViolations(page);
  } finally {
    await desk.close();
    await phone.close();
  }
});

test('@booking works with JavaScript off: find, book with a badly written field corrected, and every link leads somewhere', async ({ browser, request }) => {
  const locale: Locale = 'km';
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: baseURL() });
  const page = await context.newPage();
  try {
    await page.goto(`/${locale}/booking?kind=video`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'km');
    // The contact centre, dialled as written and shown left to right; no dead end.
    const call = page.locator('main a[href="tel:1345"]').first();
    await expect(call.locator('bdi[dir="ltr"]')).toHaveText('1345');
    const hrefs = await page.locator('main a[href^="/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
    for (const href of new Set(hrefs.filter((h) => !h.includes('/booking/slots/')).concat(hrefs.filter((h) => h.includes('/booking/slots/')).slice(0, 2)))) {
      expect((await request.get(href.split('#')[0]!)).status(), href).toBeLessThan(400);
    }
    await page.getByRole('link', { name: msg(locale, 'booking.help.offices') }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/guide/help#offices$`));

    // Ten free times a page, soonest first; the later ones a plain link away (the filters kept), and back.
    await page.goto(`/${locale}/booking?kind=video`);
    const shown = async () => ({
      ids: await page.getByTestId('slot').evaluateAll((els) => els.map((e) => e.getAttribute('data-slot-id')!)),
      days: await page.locator('section[aria-labelledby^="day-"]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-labelledby')!.slice(4))),
    });
    const first = await shown();
    expect(first.ids).toHaveLength(10);
    await expectTemplate(page.locator('section:has(> #results-heading) > p[role="status"]'), msg(locale, 'booking.resultsMore'));
    await page.getByRole('link', { name: msg(locale, 'booking.laterTimes') }).click();
    await expect(page).toHaveURL(/kind=video.*after=|after=.*kind=video/);
    const second = await shown();
    expect(second.ids.length).toBeGreaterThan(0);
    expect(second.ids.filter((id) => first.ids.includes(id))).toEqual([]);
    expect(second.days[0]! >= first.days.at(-1)!).toBe(true);
    await expect(page.getByTestId('slot').first()).toHaveAttribute('data-kind', 'video');
    await page.getByRole('link', { name: msg(locale, 'booking.soonestTimes') }).click();
    expect((await shown()).ids).toEqual(first.ids);

    // Days typed the wrong way round: the days between them, the form showing them in order.
    const [d1, d2] = [first.days[0]!, second.days[0]!];
    await page.goto(`/${locale}/booking?kind=video&from=${d2}&to=${d1}`);
    await expect(page.locator('#from')).toHaveValue(d1);
    await expect(page.locator('#to')).toHaveValue(d2);
    const between = await shown();
    expect(between.ids.length).toBeGreaterThan(0);
    expect(between.days.every((d) => d >= d1 && d <= d2)).toBe(true);

    await page.goto(`/${locale}/booking?kind=video`);
    await page.getByTestId('slot').first().getByRole('link').click();
    const r = legacyResident(40);
    // A registration number with a digit missing: the server names that field and keeps the rest.
    await fillFacts(page, locale, { ...r, registrationNumber: r.registrationNumber.slice(0, -1), serial: r.card.serial });
    await page.getByRole('button', { name: msg(locale, 'booking.book.submit') }).click();
    const summary = page.getByTestId('error-summary');
    await expect(summary.getByRole('heading')).toHaveText(msg(locale, 'booking.book.summaryTitle'));
    await expect(summary.getByRole('link')).toHaveAttribute('href', '#registrationNumber');
    await expect(page.getByLabel(msg(locale, 'booking.book.cardSerial'))).toHaveValue(r.card.serial);
    await expect(page.getByLabel(msg(locale, 'booking.book.registrationNumber'))).toHaveAttribute('aria-invalid', 'true');
    await page.getByLabel(msg(locale, 'booking.book.registrationNumber')).fill(r.registrationNumber);
    await page.getByRole('button', { name: msg(locale, 'booking.book.submit') }).click();
    if (await page.getByTestId('slot-taken').count()) await page.getByRole('button', { name: msg(locale, 'booking.book.submit') }).click();
    await page.waitForURL(SECRET_URL(locale, '?booked=1'));
    await expect(page.getByTestId('just-booked')).toContainText(msg(locale, 'booking.booked.justBooked'));
    // And cancelled without JavaScript too.
    await page.getByRole('link', { name: msg(locale, 'booking.booked.cancel') }).click();
    await page.getByRole('button', { name: msg(locale, 'booking.cancel.confirm') }).click();
    await page.waitForURL(SECRET_URL(locale, '?cancelled=1'));
    await expect(page.getByTestId('just-cancelled')).toHaveText(msg(locale, 'booking.booked.justCancelled'));
  } finally {
    await context.close();
  }
});

test('@booking the officer starts the in-person check from a booked office visit of today', async ({ browser, request }) => {
  const desk = await browser.newContext({ baseURL: baseURL() });
  try {
    const officer = await desk.newPage();
    await signInOfficer(officer);
    // An office visit later today (Korea time), published on the officer's page.
    await officer.goto('/en/staff/slots');
    const form = officer.getByTestId('publish-form');
    // Korea's wall clock as UTC fields; the visit 30 minutes on, rounded up to the next five minutes
    // as a time (01:57 becomes 02:00, not 01:00), and the test skipped if that falls on tomorrow.
    const now = new Date(Date.now() + 9 * 3600_000);
    const fiveMinutes = 5 * 60_000;
    const later = new Date(Math.ceil((now.getTime() + 30 * 60_000) / fiveMinutes) * fiveMinutes);
    test.skip(later.toISOString().slice(0, 10) !== now.toISOString().slice(0, 10), 'too close to midnight in Korea for a visit today');
    const time = later.toISOString().slice(11, 16);
    await form.getByLabel(msg('en', 'booking.kinds.office'), { exact: true }).check();
    await form.getByLabel(msg('en', 'staff.slots.date'), { exact: true }).fill(now.toISOString().slice(0, 10));
    await form.getByLabel(msg('en', 'staff.slots.time'), { exact: true }).fill(time);
    await form.getByLabel(msg('en', 'staff.slots.capacity'), { exact: true }).fill('3');
    await form.getByLabel(msg('en', 'staff.slots.office'), { exact: true }).selectOption('seoul');
    // No language ticked: refused with its reason, and the form comes back as sent (Korean not ticked again behind the officer's back).
    const korean = form.locator('input[name="lang_ko"]');
    await korean.uncheck();
    await form.getByRole('button', { name: msg('en', 'staff.slots.publish') }).click();
    await expect(form.getByTestId('publish-error')).toContainText(msg('en', 'errors.proofing.slot_languages_required'));
    await expect(form.getByTestId('publish-error')).toBeFocused();
    await expect(korean).not.toBeChecked();
    await expect(form.getByLabel(msg('en', 'staff.slots.time'), { exact: true })).toHaveValue(time);
    await korean.check();
    await form.getByRole('button', { name: msg('en', 'staff.slots.publish') }).click();
    await officer.waitForURL(/[?&]published=/);
    const slotId = new URL(officer.url()).searchParams.get('published')!;
    const r = legacyResident(41);
    const booked = await apiBook(request, slotId, r, '10.79.0.1');
    expect(booked.status()).toBe(201);
    const { reference } = (await booked.json()) as { reference: string };

    await officer.goto('/en/staff/slots');
    const visit = officer.locator(`[data-slot-id="${slotId}"]`).getByTestId('officer-booking').filter({ hasText: reference });
    await visit.getByRole('link', { name: msg('en', 'staff.slots.startCheck', { reference }) }).click();
    await officer.waitForURL(/\/en\/staff\/officer\?booking=/);
    await expectNoAxeViolations(officer);
    await officer.getByRole('button', { name: msg('en', 'staff.officer.visit.lookup') }).click();
    await expect(officer.getByTestId('visit-reference')).toContainText(reference);
    await officer.getByLabel(msg('en', 'staff.officer.photoMatches')).check();
    await officer.getByLabel(msg('en', 'staff.officer.cardGenuine')).check();
    await officer.getByRole('button', { name: msg('en', 'staff.officer.showQr') }).click();
    await expect(officer.getByTestId('short-code')).toBeVisible();

    // The visit is done: the list says so and offers no second start.
    await officer.goto('/en/staff/slots');
    await expect(officer.locator(`[data-slot-id="${slotId}"]`).getByTestId('officer-booking').filter({ hasText: reference })).toContainText(
      msg('en', 'staff.slots.status.completed'),
    );
  } finally {
    await desk.close();
  }
});
