// Sending SMS: the SmsSender interface, the simulator the demo uses, the
// HTTP gateway adapter for production, and the sender of a real install
// with no gateway configured (every send fails with sms_unavailable).
import type { AppConfig } from '@/lib/config';
import type { DataKeys } from '@/lib/security';
import { HttpSmsGateway } from './http-gateway';
import { SimulatedSmsSender } from './simulator';
import { smsErrors } from './errors';
import type { SmsSender } from './types';

export type { SmsMessage, SmsSender } from './types';
export { SimulatedSmsSender } from './simulator';
export { HttpSmsGateway, type HttpSmsGatewayOptions } from './http-gateway';
export { maskPhone } from './mask';
export { smsErrors } from './errors';
export { listSimulatedSms, type SimulatedSms } from './outbox';

/** A real install without an SMS gateway: nothing can be sent, and it says so with a typed error (enrollment.sms_unavailable, 503). */
export class UnconfiguredSmsSender implements SmsSender {
  readonly kind = 'unconfigured' as const;
  async send(): Promise<void> {
    throw smsErrors.create('sms_unavailable');
  }
}

/**
 * The SMS sender of this process: the configured HTTP gateway; else the
 * simulator, only when the process serves the demo (AppContext.demo: the
 * configuration asks for it AND the database was seeded as one); else a
 * sender whose every send fails with enrollment.sms_unavailable.
 */
// The app's dependencies it needs, named here rather than imported from
// lib/context (which opens the database and seeds it: importing it would tie
// every capability that sends SMS into one import circle with the seed).
type SenderContext = { config: Pick<AppConfig, 'smsGateway'>; keys: DataKeys; demo: boolean };

export function createSmsSender(app: SenderContext): SmsSender {
  const gateway = app.config.smsGateway;
  if (gateway) return new HttpSmsGateway({ url: gateway.url, token: gateway.token });
  if (app.demo) return new SimulatedSmsSender(app.keys);
  return new UnconfiguredSmsSender();
}
