// Sending SMS: the SmsSender interface, the simulator the demo uses, the
// HTTP gateway adapter for production, and the sender of a real install
// with no gateway configured (every send fails with sms_unavailable).
import type { AppContext } from '@/lib/context';
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
export function createSmsSender(app: Pick<AppContext, 'config' | 'keys' | 'demo'>): SmsSender {
  const gateway = app.config.smsGateway;
  if (gateway) return new HttpSmsGateway({ url: gateway.url, token: gateway.token });
  if (app.demo) return new SimulatedSmsSender(app.keys);
  return new UnconfiguredSmsSender();
}
