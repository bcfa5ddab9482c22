// GET /api/dashboard/csv?table=<id>&<the dashboard's filters>&locale=<l>:
// one table of the analyst dashboard as CSV, with the same rows, labels
// and protection ("<10", rounding) as the page. Analysts and admins only.
import { z } from 'zod';
import { route } from '@/app/_lib/route';
import { translatorFor } from '@/app/_lib/messages';
import { seoulDay } from '@/lib/clock';
import { TABLE_IDS, buildDashboardReport, dashboardQuerySchema, filtersOf } from '@/lib/analytics';
import { presentTable, tableCsv, type DashboardT } from '@/app/[locale]/staff/dashboard/_lib/present';

export const dynamic = 'force-dynamic';

const query = dashboardQuerySchema.extend({ table: z.enum(TABLE_IDS), locale: z.string().max(10).optional() });

export const GET = route({ staff: ['analyst', 'admin'], query }, async ({ query, locale, app }) => {
  const filters = filtersOf(query, seoulDay(app.clock.now()));
  const report = await buildDashboardReport(app.db, app.clock, filters);
  const t = (await translatorFor(locale, 'staff.dashboard')) as unknown as DashboardT;
  const table = presentTable(t, locale, report.tables[query.table]);
  const name = `arc-mobile-${query.table}-${filters.from}-${filters.to}.csv`;
  return new Response(tableCsv(table), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}"`,
      'cache-control': 'no-store',
    },
  });
});
