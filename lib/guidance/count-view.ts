// A guide page view counted from the proxy, with the process's database
// (opened at start-up by instrumentation.ts; shared through getAppContext).
import { getAppContext } from '@/lib/context';
import { recordGuideView } from './funnel';

export async function countGuideView(locale: string, campaign: string | null): Promise<void> {
  const { db, clock } = await getAppContext();
  await recordGuideView({ db, clock }, { locale, campaign });
}
