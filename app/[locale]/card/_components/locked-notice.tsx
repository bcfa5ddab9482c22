// What a phone whose card was reported lost shows, instead of anything that
// could open it: the card is locked because of the loss report, it never
// opens again, how to get it again (and the proof that needs), the
// contact centre, and the page on what to do after a loss report.
import type { Locale } from '@/lib/i18n';
import { CallButton, translations } from '../../loss/_components/text';
import { phoneTokens, Rich } from '../../guide/_components/phone-text';
import styles from '../card.module.css';

export async function LockedNotice({ locale }: { locale: Locale }) {
  const t = await translations({ locale, namespace: 'card.locked' });
  return (
    <div className={styles.lockedNotice} data-refusal="locked" data-testid="card-locked">
      <div className={styles.refusal} role="alert">
        <h2>{t('title')}</h2>
        <p>{t('why')}</p>
      </div>
      <p>{t('never')}</p>
      <p>{t('proof')}</p>
      <p>{t('plastic')}</p>
      <ul className="actions">
        <li>
          <a className="button primary" href={`/${locale}/enroll/reissue`}>
            {t('reissue')}
          </a>
        </li>
        <li>
          <CallButton label={(phone) => t('call', { phone })} />
        </li>
      </ul>
      <p>
        <a href={`/${locale}/loss/done`}>{t('next')}</a>
      </p>
      <p className="note">
        <Rich text={t('notYou', { phone: phoneTokens.phone })} />
      </p>
    </div>
  );
}
