// THE SMS SIMULATOR. The demo and the tests do not send real text messages:
// each "SMS" is written to the sms_outbox table, which the clearly labelled
// dev inbox page (/<locale>/dev/inbox, demo databases only) shows, and to
// the log with the phone number masked.
import { smsOutbox } from '@/db/schema';
import { encryptField, type DataKeys } from '@/lib/security';
import { maskPhone } from './mask';
import type { SmsMessage, SmsSender } from './types';

export class SimulatedSmsSender implements SmsSender {
  readonly kind = 'simulator' as const;

  constructor(
    private readonly keys: DataKeys,
    private readonly log: (line: string) => void = (line) => console.info(line),
  ) {}

  async send(message: SmsMessage, { tx, clock }: Parameters<SmsSender['send']>[1]): Promise<void> {
    const toMasked = maskPhone(message.to);
    await tx.insert(smsOutbox).values({
      at: clock.now(),
      toEnc: encryptField(this.keys, message.to, 'sms_outbox.to'),
      toMasked,
      body: message.body,
      locale: message.locale,
    });
    this.log(`[sms-simulator] to ${toMasked}: ${message.body}`);
  }
}
