// The adoption target the admin sets for the dashboard's series (a share of
// eligible residents, in percent), kept in settings; each change audited.
import { sql } from 'drizzle-orm';
import type { Db, Executor } from '@/db/client';
import { recordAudit } from '@/lib/audit';
import type { Clock } from '@/lib/clock';
import { analyticsErrors } from './errors';

export const TARGET_SETTING = 'analytics.adoption_target';

export type AdoptionTarget = { percent: number; setAt: string; setBy: string };

export async function readAdoptionTarget(db: Executor): Promise<AdoptionTarget | null> {
  const result = await db.execute(sql`select value from settings where key = ${TARGET_SETTING}`);
  const rows = ((result as { rows?: Array<{ value: AdoptionTarget }> }).rows ?? (result as unknown as Array<{ value: AdoptionTarget }>)) as Array<{ value: AdoptionTarget }>;
  const value = rows[0]?.value;
  return value && typeof value.percent === 'number' ? value : null;
}

/** Sets the target (more than 0, at most 100, one decimal at most), with its audit entry, in one transaction. */
export async function setAdoptionTarget(db: Db, clock: Clock, input: { percent: number; staffId: string }): Promise<AdoptionTarget> {
  const { percent } = input;
  if (!Number.isFinite(percent) || percent <= 0 || percent > 100 || Math.round(percent * 10) !== percent * 10) {
    throw analyticsErrors.create('target_invalid');
  }
  return db.transaction(async (tx) => {
    const before = await readAdoptionTarget(tx);
    const target: AdoptionTarget = { percent, setAt: clock.now().toISOString(), setBy: input.staffId };
    await tx.execute(sql`
      insert into settings (key, value, updated_at) values (${TARGET_SETTING}, ${JSON.stringify(target)}::jsonb, ${clock.now().toISOString()})
      on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at`);
    await recordAudit(tx, clock, {
      actor: { kind: 'staff', id: input.staffId },
      action: 'analytics.target_set',
      subject: { kind: 'setting', id: TARGET_SETTING },
      detail: { percent, previous: before?.percent ?? null },
    });
    return target;
  });
}
