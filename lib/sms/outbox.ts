import { desc } from 'drizzle-orm';
import { smsOutbox } from '@/db/schema';
import type { Executor } from '@/db/client';

export type SimulatedSms = { id: number; at: Date; toMasked: string; body: string; locale: string };

/** The simulator's latest messages, newest first (what the dev inbox shows). */
export async function listSimulatedSms(db: Executor, limit = 30): Promise<SimulatedSms[]> {
  return db
    .select({ id: smsOutbox.id, at: smsOutbox.at, toMasked: smsOutbox.toMasked, body: smsOutbox.body, locale: smsOutbox.locale })
    .from(smsOutbox)
    .orderBy(desc(smsOutbox.id))
    .limit(limit);
}
