// Appends audit entries. Call inside the transaction of the change it records.
import { auditEvents } from '@/db/schema';
import type { Executor } from '@/db/client';
import type { Clock } from '@/lib/clock';

export type AuditActor = { kind: 'resident' | 'staff' | 'system' | 'anonymous'; id?: string | number | null };

export type AuditEntry = {
  actor: AuditActor;
  action: string;
  subject?: { kind: string; id: string | number };
  /** Never personal data: ids, codes, paths, reasons. */
  detail?: Record<string, unknown>;
};

export async function recordAudit(tx: Executor, clock: Clock, entry: AuditEntry): Promise<number> {
  const [row] = await tx
    .insert(auditEvents)
    .values({
      at: clock.now(),
      actorKind: entry.actor.kind,
      actorId: entry.actor.id == null ? null : String(entry.actor.id),
      action: entry.action,
      subjectKind: entry.subject?.kind ?? null,
      subjectId: entry.subject == null ? null : String(entry.subject.id),
      detail: entry.detail ?? {},
    })
    .returning({ seq: auditEvents.seq });
  return row!.seq;
}
