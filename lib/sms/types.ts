import type { Executor } from '@/db/client';
import type { Clock } from '@/lib/clock';

export type SmsMessage = {
  /** The phone number on record, as the registry holds it (e.g. 010-1234-5678). */
  to: string;
  body: string;
  locale: string;
};

/**
 * Sends one SMS. Called inside the transaction that records the send, so a
 * failed send records nothing; the simulator writes its outbox row on that
 * same transaction.
 */
export interface SmsSender {
  /** simulator: the demo's dev inbox; http: a real gateway; unconfigured: a real install without a gateway (every send fails). */
  readonly kind: 'simulator' | 'http' | 'unconfigured';
  send(message: SmsMessage, context: { tx: Executor; clock: Clock }): Promise<void>;
}
