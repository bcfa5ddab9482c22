// A generic HTTP SMS gateway: POSTs {"to", "text", "locale"} as JSON to a
// configured URL with a bearer token, as most SMS providers' HTTP APIs take
// it (an adapter for a specific provider changes only the body). A 2xx
// answer is a send; anything else, or no answer in time, is a failure the
// resident sees as "we could not send the SMS".
import { smsErrors } from './errors';
import { maskPhone } from './mask';
import type { SmsMessage, SmsSender } from './types';

export type HttpSmsGatewayOptions = {
  url: string;
  token?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  log?: (line: string) => void;
};

export class HttpSmsGateway implements SmsSender {
  readonly kind = 'http' as const;
  private readonly fetch: typeof fetch;
  private readonly log: (line: string) => void;

  constructor(private readonly options: HttpSmsGatewayOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.log = options.log ?? ((line) => console.warn(line));
  }

  async send(message: SmsMessage): Promise<void> {
    let status: number | string;
    try {
      const response = await this.fetch(this.options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
        },
        body: JSON.stringify({ to: message.to, text: message.body, locale: message.locale }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      status = response.status;
      await response.body?.cancel();
      if (response.ok) return;
    } catch (error) {
      status = (error as Error).name;
    }
    this.log(`[sms-gateway] send to ${maskPhone(message.to)} failed: ${status}`);
    throw smsErrors.create('sms_gateway_failed');
  }
}
