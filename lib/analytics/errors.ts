import { defineErrors, type CodeOf } from '@/lib/errors';

/** The analytics capability's refusals: a target outside 0–100 %, a table the dashboard does not have. */
export const analyticsErrors = defineErrors('analytics', {
  target_invalid: 400,
  unknown_table: 404,
});

export type AnalyticsErrorCode = CodeOf<typeof analyticsErrors>;
