// What an officer sees before locking: how many mobile cards the resident
// has active and locked, and their last loss report. No personal data.
import { and, desc, eq, sql } from 'drizzle-orm';
import { credentials, lossReports } from '@/db/schema';
import type { Executor } from '@/db/client';

export type MobileCards = {
  active: number;
  locked: number;
  lastReport: { reference: string; reportedAt: Date; channel: 'online' | 'officer' } | null;
};

export async function mobileCardsOf(db: Executor, residentId: number): Promise<MobileCards> {
  const counts = await db
    .select({ status: credentials.status, n: sql<number>`count(*)::int` })
    .from(credentials)
    .where(eq(credentials.residentId, residentId))
    .groupBy(credentials.status);
  const [last] = await db
    .select({ reference: lossReports.reference, reportedAt: lossReports.reportedAt, channel: lossReports.channel })
    .from(lossReports)
    .where(and(eq(lossReports.residentId, residentId)))
    .orderBy(desc(lossReports.reportedAt))
    .limit(1);
  const count = (status: string) => Number(counts.find((c) => c.status === status)?.n ?? 0);
  return { active: count('active'), locked: count('locked'), lastReport: last ?? null };
}
