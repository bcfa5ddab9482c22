import type { Locale } from '@/lib/i18n';
import { stepUrl } from '@/lib/enrollment';
import { Note, Progress } from './notes';
import { keptForm } from '../_lib/kept-form';
import { enrollStrings, formError, stepPage } from '../_lib/step-page';
import styles from '../enroll.module.css';

const QR_CODE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Office and video paths, first step. Scanning the officer's QR opens this
 * page with ?g=<code>; one tap claims it (not the page load, so that a link
 * preview cannot use the grant up). Or the short code, typed.
 */
export async function GrantPage({
  locale,
  path,
  searchParams,
}: {
  locale: Locale;
  path: 'office' | 'video';
  searchParams: Record<string, string | string[] | undefined>;
}) {
  await stepPage(locale, 'grant', path);
  const t = await enrollStrings(locale);
  const error = await formError(locale, searchParams);
  // What was typed comes back after a wrong code (JavaScript or not).
  const kept = await keptForm(locale, stepUrl(path, 'grant'), searchParams);
  const g = typeof searchParams.g === 'string' && QR_CODE.test(searchParams.g) ? searchParams.g : null;
  return (
    <>
      <Progress label={t('progress', { current: 1, total: 3 })} />
      <h1>{t(path === 'video' ? 'videoTitle' : 'officeTitle')}</h1>
      <p className="lead">{t(path === 'video' ? 'videoIntro' : 'officeIntro')}</p>
      {error ? <Note kind="error">{error}</Note> : null}
      {g ? (
        <form method="post" action="/api/enrollment/grant" className={styles.form} data-testid="grant-qr-form">
          <input type="hidden" name="locale" value={locale} />
          <input type="hidden" name="path" value={path} />
          <input type="hidden" name="code" value={g} />
          <Note kind="ok">{t('officeScanned')}</Note>
          <button type="submit" className="button primary">
            {t('officeContinue')}
          </button>
        </form>
      ) : null}
      <h2>{t('shortCodeTitle')}</h2>
      <form method="post" action="/api/enrollment/grant" className={styles.form} data-testid="grant-short-form">
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="path" value={path} />
        <label className={styles.field}>
          {t('shortCode')}
          <span className={styles.hint}>{t('shortCodeHint')}</span>
          <input
            name="shortCode"
            required
            autoComplete="one-time-code"
            autoCapitalize="characters"
            maxLength={20}
            dir="ltr"
            defaultValue={kept.values.shortCode ?? ''}
            aria-invalid={error && kept.values.shortCode !== undefined ? true : undefined}
            autoFocus={Boolean(error && kept.values.shortCode !== undefined)}
          />
        </label>
        <button type="submit" className={g ? 'button' : 'button primary'}>
          {t('continue')}
        </button>
      </form>
    </>
  );
}
