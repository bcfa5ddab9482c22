'use server';
// The checker's form posted without JavaScript: answer it on the server with
// the same pure function the browser uses, and count the outcome (never the
// answers) for the day, locale and campaign of the visit.
import { cookies } from 'next/headers';
import { z } from 'zod';
import { locales, defaultLocale } from '@/lib/i18n/locales';
import { getAppContext } from '@/lib/context';
import { CAMPAIGN_COOKIE, checkAnswers, parseCampaignCode, questionNames, recordEligibilityAnswer } from '@/lib/guidance';
import type { CheckerState } from './checker';

// Each answer is a short string or absent; what it must be is the pure
// function's business (anything else counts as unanswered).
const answer = z.string().max(64).optional().catch(undefined);
const formSchema = z.object({
  locale: z.enum(locales).catch(defaultLocale),
  ...Object.fromEntries(questionNames.map((q) => [q, answer])),
}) as z.ZodType<{ locale: (typeof locales)[number] } & Partial<Record<(typeof questionNames)[number], string>>>;

export async function answerEligibility(_previous: CheckerState, form: FormData): Promise<CheckerState> {
  const input = formSchema.parse(Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string')));
  const result = checkAnswers((q) => input[q]);
  if (result.status === 'answered') {
    const campaign = parseCampaignCode((await cookies()).get(CAMPAIGN_COOKIE)?.value);
    try {
      const { db, clock } = await getAppContext();
      await recordEligibilityAnswer({ db, clock }, { locale: input.locale, campaign }, result.code);
    } catch (error) {
      // The person's answer matters more than the counter.
      console.error('eligibility: the funnel counter was not updated:', (error as Error).message);
    }
  }
  return { submitted: true, answers: result.answers };
}
