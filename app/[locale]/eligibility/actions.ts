'use server';
// The checker's form posted without JavaScript: answer it on the server with
// the same pure function the browser uses, and count the outcome (never the
// answers) for the day, locale and campaign of the visit.
import { cookies } from 'next/headers';
import { z } from 'zod';
import { formAction } from '@/app/_lib/action';
import { recordEligibilityAnswer } from '@/lib/analytics';
import { checkAnswers, questionNames } from '@/lib/guidance';
import { CAMPAIGN_COOKIE, parseCampaignCode } from '@/lib/outreach';
import type { CheckerState } from './checker';

// Each answer is a short string or absent; what it must be is the pure
// function's business (anything else counts as unanswered).
const answer = z.string().max(64).optional().catch(undefined);
const formSchema = z.object(Object.fromEntries(questionNames.map((q) => [q, answer]))) as z.ZodType<
  Partial<Record<(typeof questionNames)[number], string>>
>;

/** The answer to the fields as posted (the pure function takes anything and ignores what is not an answer). */
function answered(fields: Partial<Record<string, string>>): CheckerState {
  return { submitted: true, answers: checkAnswers((q) => fields[q]).answers };
}

export const answerEligibility = formAction(
  {
    input: formSchema,
    // The person's answer matters more than anything that failed around it
    // (the database, the counter): answer what was posted; nothing posted, nothing changes.
    failed: ({ fields }): CheckerState => (Object.keys(fields).length > 0 ? answered(fields) : { submitted: false, answers: {} }),
  },
  async (input, { locale, app }): Promise<CheckerState> => {
    const result = checkAnswers((q) => input[q]);
    if (result.status === 'answered') {
      const campaign = parseCampaignCode((await cookies()).get(CAMPAIGN_COOKIE)?.value);
      await recordEligibilityAnswer(app, { locale, campaign }, result.code);
    }
    return { submitted: true, answers: result.answers };
  },
);
