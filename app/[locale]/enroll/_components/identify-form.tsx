import type { Translate } from '../_lib/step-page';
import styles from '../enroll.module.css';

/** Registration number + card serial + date of birth: a plain form posted to the identify endpoint. */
export function IdentifyForm({ locale, path, t }: { locale: string; path: 'chip' | 'reissue'; t: Translate }) {
  return (
    <form method="post" action="/api/enrollment/identify" className={styles.form} data-testid="identify-form">
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="path" value={path} />
      <label className={styles.field}>
        {t('registrationNumber')}
        <span className={styles.hint}>{t('registrationNumberHint')}</span>
        <input name="registrationNumber" required inputMode="numeric" autoComplete="off" maxLength={20} dir="ltr" />
      </label>
      <label className={styles.field}>
        {t('cardSerial')}
        <span className={styles.hint}>{t('cardSerialHint')}</span>
        <input name="cardSerial" required autoComplete="off" autoCapitalize="characters" maxLength={20} dir="ltr" />
      </label>
      <label className={styles.field}>
        {t('birthDate')}
        <input name="birthDate" type="date" required min="1900-01-01" dir="ltr" />
      </label>
      <p className="note">{t('privacyNote')}</p>
      <button type="submit" className="button primary">
        {t('continue')}
      </button>
    </form>
  );
}
