'use client';
// What this phone knows about its card: it keeps the credential ID in
// localStorage and the device key in IndexedDB. When the card was issued on
// another phone since, this phone says so, and what to do if that was not
// the resident. Shows nothing on a phone that never held a card.
import { useEffect, useState } from 'react';
import { checkThisPhone, type PhoneCardState } from '@/components/card-ceremonies';
import styles from '../enroll.module.css';

export type PhoneCardStrings = {
  active: string;
  openCard: string;
  movedTitle: string;
  movedBody: string;
  notYou: string;
  reportLoss: string;
  locked: string;
  revoked: string;
  noDeviceKey: string;
  getAgain: string;
};

export function PhoneCardStatus({ locale, strings }: { locale: string; strings: PhoneCardStrings }) {
  const [state, setState] = useState<PhoneCardState | null>(null);
  useEffect(() => {
    checkThisPhone().then(setState, () => setState({ state: 'none' }));
  }, []);
  if (!state || state.state === 'none' || state.state === 'unknown') return null;

  if (state.state === 'moved') {
    return (
      <div className={`${styles.note} ${styles.error}`} role="alert" data-testid="card-moved">
        <h2 style={{ marginBlockStart: 0 }}>{strings.movedTitle}</h2>
        <p>{strings.movedBody}</p>
        <p>{strings.notYou}</p>
        <p>
          <a className="button" href={`/${locale}/loss`}>
            {strings.reportLoss}
          </a>
        </p>
      </div>
    );
  }
  if (state.state === 'locked' || state.state === 'revoked') {
    return (
      <div className={`${styles.note} ${styles.warn}`} role="status" data-testid={`card-${state.state}`}>
        <p>{state.state === 'locked' ? strings.locked : strings.revoked}</p>
        <a href={`/${locale}/enroll/reissue`}>{strings.getAgain}</a>
      </div>
    );
  }
  if (!state.hasDeviceKey) {
    return (
      <div className={`${styles.note} ${styles.warn}`} role="status" data-testid="card-no-device-key">
        <p>{strings.noDeviceKey}</p>
        <a href={`/${locale}/enroll/reissue`}>{strings.getAgain}</a>
      </div>
    );
  }
  return (
    <div className={`${styles.note} ${styles.ok}`} role="status" data-testid="card-active">
      <p>{strings.active}</p>
      <a className="button primary" href={`/${locale}/card`}>
        {strings.openCard}
      </a>
    </div>
  );
}
