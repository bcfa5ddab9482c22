import type { PhoneCardStrings } from '../_components/phone-card-status';
import type { Translate } from './step-page';

export function phoneCardStrings(t: Translate): PhoneCardStrings {
  return {
    active: t('phoneHasCard'),
    openCard: t('openMyCard'),
    movedTitle: t('phoneCardMovedTitle'),
    movedBody: t('phoneCardMovedBody'),
    notYou: t('phoneCardNotYou'),
    reportLoss: t('reportLoss'),
    locked: t('phoneCardLocked'),
    revoked: t('phoneCardRevoked'),
    noDeviceKey: t('phoneNoDeviceKey'),
    getAgain: t('getAgain'),
  };
}
