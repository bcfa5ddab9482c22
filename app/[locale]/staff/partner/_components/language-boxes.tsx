// One checkbox per language, each named in its own language and script
// (lib/i18n endonyms), so a partner finds its community's language at once.
import { locales, type Locale } from '@/lib/i18n';
import { Endonym } from './endonym';
import styles from '../partner.module.css';

export function LanguageBoxes({
  idPrefix,
  legend,
  hint,
  checked = [],
  invalid = false,
}: {
  idPrefix: string;
  legend: string;
  hint?: string;
  checked?: readonly Locale[];
  invalid?: boolean;
}) {
  return (
    <fieldset className={invalid ? `${styles.languages} ${styles.invalid}` : styles.languages} aria-describedby={hint ? `${idPrefix}-hint` : undefined}>
      <legend id={`${idPrefix}-legend`}>{legend}</legend>
      {hint ? (
        <p id={`${idPrefix}-hint`} className="note">
          {hint}
        </p>
      ) : null}
      <div className={styles.languageGrid}>
        {locales.map((l, i) => (
          <label key={l} className={styles.box} htmlFor={i === 0 ? `${idPrefix}-first` : `${idPrefix}-${l}`}>
            <input type="checkbox" id={i === 0 ? `${idPrefix}-first` : `${idPrefix}-${l}`} name={`lang_${l}`} defaultChecked={checked.includes(l)} />
            <Endonym locale={l} />
          </label>
        ))}
      </div>
    </fieldset>
  );
}
