// Sending SMS: the SmsSender interface, the simulator the demo uses and the
// HTTP gateway adapter for production.
import type { AppConfig } from '@/lib/config';
import type { DataKeys } from '@/lib/security/crypto';
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

/** The configured gateway; the simulator on a demo database; otherwise a sender that refuses. */
export function createSmsSender(config: Pick<AppConfig, 'smsGateway' | 'seedDemo'>, keys: DataKeys): SmsSender {
  if (config.smsGateway) return new HttpSmsGateway({ url: config.smsGateway.url, token: config.smsGateway.token });
  if (config.seedDemo) return new SimulatedSmsSender(keys);
  return {
    kind: 'http',
    send: async () => {
      throw smsErrors.create('sms_unavailable');
    },
  };
}
