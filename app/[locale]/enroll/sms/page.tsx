import type { Metadata } from 'next';
import { pageAppContext } from '@/app/_lib/page-context';
import { messageForCode } from '@/app/_lib/error-message';
import { SIX_DIGIT_CODE_PATTERN, type Locale } from '@/lib/i18n';
import { Note, Progress, StartOver } from '../_components/notes';
import { keptForm } from '../_lib/kept-form';
import { enrollStrings, formError, stepPage } from '../_lib/step-page';
import styles from '../enroll.module.css';

export async function generateMetadata({ params }: PageProps<'/[locale]/enroll/sms'>): Promise<Metadata> {
  const t = await enrollStrings((await params).locale as Locale);
  return { title: t('smsTitle') };
}

export default async function SmsPage({ params, searchParams }: PageProps<'/[locale]/enroll/sms'>) {
  const locale = (await params).locale as Locale;
  const view = (await stepPage(locale, 'sms'))!;
  const t = await enrollStrings(locale);
  const query = await searchParams;
  const error = await formError(locale, query);
  // A mistyped code comes back to be fixed, not retyped (JavaScript or not).
  const kept = await keptForm(locale, '/enroll/sms', query);
  const { demo } = await pageAppContext();
  // What the code looks like, as the field's title; a wrong form is named by the server, in the page's language (noValidate: the browser's own bubble speaks the browser's language), and spends no try.
  const codeFormat = await messageForCode(locale, 'enrollment.sms_code_format');
  const selfService = view.path === 'chip' || view.path === 'reissue';
  return (
    <>
      <Progress label={t('progress', { current: 2, total: selfService ? 4 : 3 })} />
      <h1>{t('smsTitle')}</h1>
      <p className="lead">{t('smsSentTo', { phone: view.maskedPhone ?? '' })}</p>
      {error ? <Note kind="error">{error}</Note> : null}
      {!error && query.sent ? <Note kind="ok">{t('smsResent')}</Note> : null}
      {view.smsLockedMinutes > 0 && !error ? <Note kind="warn">{t('smsLocked', { minutes: view.smsLockedMinutes })}</Note> : null}
      <form method="post" action="/api/enrollment/sms/verify" className={styles.form} data-testid="sms-form" noValidate>
        <input type="hidden" name="locale" value={locale} />
        <label className={`${styles.field} ${styles.code}`}>
          {t('smsCode')}
          <input
            name="code"
            required
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern={SIX_DIGIT_CODE_PATTERN}
            title={codeFormat}
            maxLength={16}
            dir="ltr"
            defaultValue={kept.values.code ?? ''}
            aria-invalid={error && kept.values.code !== undefined ? true : undefined}
            autoFocus={Boolean(error && kept.values.code !== undefined)}
          />
        </label>
        <button type="submit" className="button primary">
          {t('smsVerify')}
        </button>
      </form>
      <form method="post" action="/api/enrollment/sms/resend">
        <input type="hidden" name="locale" value={locale} />
        <button type="submit" className="button">
          {t('smsResend')}
        </button>
      </form>
      <p className="note">{t('smsWrongNumber')}</p>
      {demo ? (
        <p>
          <a href={`/${locale}/dev/inbox`} target="_blank" rel="noopener">
            {t('devInboxLink')}
          </a>
        </p>
      ) : null}
      <StartOver locale={locale} label={t('startOver')} />
    </>
  );
}
