import type { Db } from '@/db/client';
import type { AppConfig } from '@/lib/config';
import type { Clock } from '@/lib/clock';
import type { DataKeys } from '@/lib/security';
import type { SmsSender } from '@/lib/sms';

/** What every enrollment use case is given; nothing is reached for globally. */
export type EnrollmentDeps = {
  db: Db;
  clock: Clock;
  keys: DataKeys;
  config: Pick<AppConfig, 'rpId' | 'origins' | 'refuseBackupEligible'>;
  sms: SmsSender;
  /** The client the request came from (lib/limits' clientAddressFrom), for the per-client limits. */
  client: string;
};

/** Where the resident came from, for the funnel counters. */
export type Visit = { locale: string; campaign?: string | null };

/** The SMS text in the resident's language, with the code in it (the route translates it). */
export type SmsText = (code: string) => string;
