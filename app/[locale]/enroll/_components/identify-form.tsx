import type { KeptForm } from '../_lib/kept-form';
import type { Translate } from '../_lib/step-page';
import styles from '../enroll.module.css';
import { BirthDateFields } from '@/components/birth-date-fields';
import { IdentifierText } from '@/components/identifier-text';
import { datePartOrder, type Locale } from '@/lib/i18n';
import { CARD_SERIAL_PATTERN, REGISTRATION_NUMBER_PATTERN } from '@/lib/loss';

const NO_KEPT: KeptForm = { values: {}, fieldErrors: {} };

/**
 * Registration number + card serial + date of birth: a plain form posted to
 * the identify endpoint. After a failure it shows again what was typed
 * (`kept`) and says at each wrong field what is wrong. The browser does
 * not check the fields (noValidate): its own bubbles speak
 * the browser's language, not the page's. The server checks each field's
 * form before a try is counted and names each wrong one here, in the page's
 * language; `required` and `pattern` stay for what they tell assistive
 * technology and on-screen keyboards.
 */
export function IdentifyForm({ locale, path, t, kept = NO_KEPT }: { locale: Locale; path: 'chip' | 'reissue'; t: Translate; kept?: KeptForm }) {
  const firstInvalid = ['registrationNumber', 'cardSerial', 'birthDate'].find((f) => kept.fieldErrors[f]);
  const field = (name: string) => {
    const error = kept.fieldErrors[name];
    const hint = `identify-${name}-hint`;
    const errorId = `identify-${name}-error`;
    return {
      id: `identify-${name}`,
      name,
      defaultValue: kept.values[name] ?? '',
      'aria-invalid': error ? (true as const) : undefined,
      'aria-describedby': [error ? errorId : '', hint].filter(Boolean).join(' ') || undefined,
      autoFocus: firstInvalid === name,
      error: error ? (
        <span id={errorId} className={styles.fieldError} data-testid={`field-error-${name}`}>
          <IdentifierText text={error} />
        </span>
      ) : null,
    };
  };
  const registration = field('registrationNumber');
  const serial = field('cardSerial');
  const input = ({ error: _error, ...props }: ReturnType<typeof field>) => props;
  return (
    <form method="post" action="/api/enrollment/identify" className={styles.form} data-testid="identify-form" noValidate>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="path" value={path} />
      <label className={styles.field}>
        {t('registrationNumber')}
        <span className={styles.hint} id="identify-registrationNumber-hint">
          <IdentifierText text={t('registrationNumberHint')} />
        </span>
        {registration.error}
        <input
          {...input(registration)}
          required
          inputMode="numeric"
          autoComplete="off"
          maxLength={20}
          dir="ltr"
          pattern={REGISTRATION_NUMBER_PATTERN}
          title={t('registrationNumberHint')}
        />
      </label>
      <label className={styles.field}>
        {t('cardSerial')}
        <span className={styles.hint} id="identify-cardSerial-hint">
          <IdentifierText text={t('cardSerialHint')} />
        </span>
        {serial.error}
        <input
          {...input(serial)}
          required
          autoComplete="off"
          autoCapitalize="characters"
          maxLength={20}
          dir="ltr"
          pattern={CARD_SERIAL_PATTERN}
          title={t('cardSerialHint')}
        />
      </label>
      <BirthDateFields
        labels={{ legend: t('birthDate'), hint: t('birthDateHint'), parts: { day: t('day'), month: t('month'), year: t('year') } }}
        order={datePartOrder(locale)}
        values={{ day: kept.values.day, month: kept.values.month, year: kept.values.year }}
        error={kept.fieldErrors.birthDate ? <IdentifierText text={kept.fieldErrors.birthDate} /> : undefined}
        ids={{ input: 'identify-birth', hint: 'identify-birthDate-hint', error: 'identify-birthDate-error' }}
        autoFocus={firstInvalid === 'birthDate'}
        hintClassName={styles.hint}
        errorClassName={styles.fieldError}
      />
      <p className="note">{t('privacyNote')}</p>
      <button type="submit" className="button primary">
        {t('continue')}
      </button>
    </form>
  );
}
