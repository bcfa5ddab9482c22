'use server';
// The dashboard's one change: an admin sets the adoption target (audited in
// lib/analytics). Back to the dashboard with the same filters.
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { formAction } from '@/app/_lib/action';
import { isLocale } from '@/lib/i18n';
import { setAdoptionTarget } from '@/lib/analytics';

const targetInput = z.object({
  locale: z.string(),
  percent: z.string().trim().regex(/^\d{1,3}([.,]\d)?$/),
  /** The dashboard's filters as its query string, kept across the post. */
  query: z.string().max(600).regex(/^[A-Za-z0-9_.=&%+-]*$/).optional(),
});

function back(locale: string, query: string | undefined, extra: Record<string, string>): string {
  const params = new URLSearchParams(query ?? '');
  params.delete('target');
  params.delete('error');
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return `/${isLocale(locale) ? locale : 'en'}/staff/dashboard?${params.toString()}#target`;
}

export const setTargetAction = formAction(
  {
    input: targetInput,
    staff: ['admin'],
    failed: ({ code, locale, fields }) => redirect(back(locale, fields.query, { error: code })),
  },
  async (input, { app, staff }) => {
    await setAdoptionTarget(app.db, app.clock, { percent: Number(input.percent.replace(',', '.')), staffId: staff!.staffId });
    redirect(back(input.locale, input.query, { target: 'saved' }));
  },
);
