// What a phone whose card moved to another phone, or was cancelled, shows
// instead of anything that could open it: what happened in plain words and
// the next steps — report a loss if it was not the resident, get the card
// again on this phone, call the contact centre. (A locked card: LockedNotice.)
import type { Locale } from '@/lib/i18n';
import { CallButton, translations } from '../../loss/_components/text';
import styles from '../card.module.css';

export async function ClosedNotice({ locale, why }: { locale: Locale; why: 'moved' | 'revoked' }) {
  const [enroll, card] = await Promise.all([translations({ locale, namespace: 'enroll' }), translations({ locale, namespace: 'card' })]);
  return (
    <div className={styles.lockedNotice} data-refusal={why} data-testid={`card-${why}`}>
      <div className={styles.refusal} role="alert">
        <h2>{why === 'moved' ? enroll('phoneCardMovedTitle') : card('closed.revokedTitle')}</h2>
        <p>{why === 'moved' ? enroll('phoneCardMovedBody') : card('status.revoked')}</p>
      </div>
      <p>{card('closed.codeGone')}</p>
      <p>
        <strong>{enroll('phoneCardNotYou')}</strong>
      </p>
      <ul className="actions">
        <li>
          <a className="button primary" href={`/${locale}/loss`} data-testid="report-loss">
            {enroll('reportLoss')}
          </a>
        </li>
        <li>
          <CallButton label={(phone) => card('locked.call', { phone })} />
        </li>
        <li>
          <a className="button" href={`/${locale}/enroll/reissue`}>
            {card('status.reissue')}
          </a>
        </li>
      </ul>
      <p className="note">{card('locked.plastic')}</p>
    </div>
  );
}
