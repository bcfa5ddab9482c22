// A campaign's (or all campaigns') funnel as four figures: visits through
// the link, eligibility checks, enrollments started, cards issued, as
// published (lib/outreach's partnerFunnel protects them: "<10" below 10).
import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/lib/i18n';
import { FUNNEL_STAGES, type ShownCounts } from '@/lib/outreach';
import { shownCount } from '../_lib/display';
import styles from '../partner.module.css';

export async function FunnelFigures({ locale, counts, label, testId }: { locale: Locale; counts: ShownCounts; label: string; testId?: string }) {
  const t = await getTranslations({ locale, namespace: 'partner.funnel' });
  return (
    <dl className={styles.funnel} aria-label={label} data-testid={testId}>
      {FUNNEL_STAGES.map((stage) => (
        <div key={stage} data-stage={stage}>
          <dt>{t(stage)}</dt>
          <dd>{shownCount(locale, counts[stage], (n) => t('fewer', { n }))}</dd>
        </div>
      ))}
    </dl>
  );
}
