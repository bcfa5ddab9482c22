// The resident's video check, reached from the booking's own page (the
// secret in the address is the key). Before the call: what will happen,
// the choice about still pictures, a test picture, and the other ways if the
// camera cannot be used. During the call: the client component. After: the
// outcome in the reader's language with the next step (an approval's
// one-time grant to continue on this phone, or a QR code for another).
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import QRCode from 'qrcode';
import { ResidentCall, type ResidentCallLabels } from '@/components/video/resident-call';
import styles from '@/components/video/video.module.css';
import { messageForCode } from '@/app/_lib/error-message';
import { pageAppContext } from '@/app/_lib/page-context';
import { hrefOf } from '@/lib/guidance';
import { formatTime, type Locale } from '@/lib/i18n';
import { findBookingBySecret, getResidentCallState, LIVENESS_KINDS, STILLS_RETENTION_DAYS, type ResidentCallState } from '@/lib/proofing';
import { slotText } from '../../_lib/display';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: PageProps<'/[locale]/booking/[secret]/call'>): Promise<Metadata> {
  const locale = (await params).locale as Locale;
  const t = await getTranslations({ locale, namespace: 'call' });
  // The address holds the booking's secret: no search engine, and no referrer to other sites.
  return { title: t('title'), robots: { index: false, follow: false }, referrer: 'no-referrer' };
}

type T = Awaited<ReturnType<typeof getTranslations<'call'>>>;

const HOW = ['card', 'show', 'serial', 'moves', 'code'] as const;

/** Every prompt the officer may show, as the resident reads it, keyed as the call component looks them up. */
function promptTexts(t: T): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kind of LIVENESS_KINDS) {
    if (kind === 'turn_head' || kind === 'touch_ear') for (const side of ['left', 'right'] as const) out[`${kind}:${side}`] = t(`prompt.${kind}`, { side });
    else if (kind === 'fingers') for (let n = 1; n <= 5; n++) out[`fingers:${n}`] = t('prompt.fingers', { count: n });
    else out[kind] = t(`prompt.${kind}`);
  }
  return out;
}

function labelsOf(t: T, codeFormat: string): ResidentCallLabels {
  return {
    stillsLabel: t('stillsLabel', { days: STILLS_RETENTION_DAYS }),
    stillsHint: t('stillsHint'),
    stillsOn: t('stillsOn'),
    stillsOff: t('stillsOff'),
    stillsAllow: t('stillsAllow'),
    stillsWithdraw: t('stillsWithdraw'),
    testTitle: t('testTitle'),
    testIntro: t('testIntro'),
    testButton: t('testButton'),
    testing: t('testing'),
    previewLabel: t('previewLabel'),
    previewOk: t('previewOk'),
    micOk: t('micOk'),
    joinButton: t('joinButton'),
    joining: t('joining'),
    blockedTitle: t('blockedTitle'),
    blockedDenied: t('blockedDenied'),
    blockedMissing: t('blockedMissing'),
    blockedOther: t('blockedOther'),
    tryAgain: t('tryAgain'),
    waitingOfficer: t('waitingOfficer'),
    statusLabel: t('statusLabel'),
    status: {
      waiting: t('status.waiting'),
      connecting: t('status.connecting'),
      connected: t('status.connected'),
      reconnecting: t('status.reconnecting'),
      ended: t('status.ended'),
    },
    remoteLabel: t('remoteLabel'),
    selfLabel: t('selfLabel'),
    soundOn: t('soundOn'),
    codeTitle: t('codeTitle'),
    // The number goes in on the client, once the SMS is sent: "{phone}" stays a literal here.
    codeSent: t('codeSent', { phone: '{phone}' }),
    codeSentNoPhone: t('codeSentNoPhone'),
    codeLabel: t('codeLabel'),
    codeFormat,
    codeSubmit: t('codeSubmit'),
    codeResend: t('codeResend'),
    codeResent: t('codeResent'),
    codeConfirmed: t('codeConfirmed'),
    promptTitle: t('promptTitle'),
    leave: t('leave'),
    left: t('left'),
    rejoin: t('rejoin'),
  };
}

/** The other ways: this appointment's own page (another time), an office visit, the contact centre. */
function Fallback({ t, locale, secret }: { t: T; locale: Locale; secret: string }) {
  return (
    <div data-testid="fallback">
      <h3>{t('fallbackTitle')}</h3>
      <ul className="actions">
        <li>
          <a className="button" href={`/${locale}/booking/${secret}`}>
            {t('fallbackBooking')}
          </a>
        </li>
        <li>
          <a className="button" href={`/${locale}/booking`}>
            {t('fallbackOffice')}
          </a>
        </li>
      </ul>
      <p>
        {t.rich('fallbackCall', {
          call: (chunks) => (
            <a href="tel:1345">
              <bdi dir="ltr">{chunks}</bdi>
            </a>
          ),
        })}
      </p>
    </div>
  );
}

async function Outcome({ t, locale, state, origin }: { t: T; locale: Locale; state: ResidentCallState; origin: string }) {
  const again = (
    <ul className="actions">
      <li>
        <a className="button primary" href={`/${locale}/booking`}>
          {t('outcome.bookAgain')}
        </a>
      </li>
    </ul>
  );
  if (state.outcome === 'approved') {
    if (state.grant) {
      const path = `/${locale}/enroll/video?g=${state.grant.code}`;
      const qrSvg = await QRCode.toString(`${origin}${path}`, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return (
        <section aria-labelledby="outcome-heading" className={`${styles.notice} ${styles.ok}`} data-testid="outcome" data-outcome="approved">
          <h2 id="outcome-heading">{t('outcome.approvedTitle')}</h2>
          <p>{t('outcome.approvedText', { time: formatTime(locale, state.grant.expiresAt) })}</p>
          <ul className="actions">
            <li>
              <a className="button primary" href={path} data-testid="continue">
                {t('outcome.continue')}
              </a>
            </li>
          </ul>
          <p>{t('outcome.otherPhone')}</p>
          <div className={styles.qr} role="img" aria-label={t('outcome.qrAlt')} data-testid="grant-qr" dangerouslySetInnerHTML={{ __html: qrSvg }} />
        </section>
      );
    }
    if (state.grantState === 'used') {
      return (
        <section aria-labelledby="outcome-heading" className={`${styles.notice} ${styles.ok}`} data-testid="outcome" data-outcome="used">
          <h2 id="outcome-heading">{t('outcome.usedTitle')}</h2>
          <p>{t('outcome.usedText')}</p>
          <ul className="actions">
            <li>
              <a className="button primary" href={`/${locale}/card`}>
                {t('outcome.openCard')}
              </a>
            </li>
          </ul>
        </section>
      );
    }
    return (
      <section aria-labelledby="outcome-heading" className={`${styles.notice} ${styles.warn}`} data-testid="outcome" data-outcome="expired">
        <h2 id="outcome-heading">{t('outcome.expiredTitle')}</h2>
        <p>{t('outcome.expiredText')}</p>
        {again}
      </section>
    );
  }
  if (state.outcome === 'rejected') {
    const reason = state.reasonCode ?? 'poor_connection';
    const office = reason === 'card_not_valid' || reason === 'face_mismatch' || reason === 'suspected_fraud';
    return (
      <section aria-labelledby="outcome-heading" className={`${styles.notice} ${styles.bad}`} data-testid="outcome" data-outcome="rejected" data-reason={reason}>
        <h2 id="outcome-heading">{t('outcome.rejectedTitle')}</h2>
        <p data-testid="reason">{t(`reasons.${reason}.text`)}</p>
        <h3>{t('outcome.whatNext')}</h3>
        <p data-testid="next-step">{t(`reasons.${reason}.next`)}</p>
        <ul className="actions">
          <li>
            <a className="button primary" href={`/${locale}/booking`}>
              {t(office ? 'outcome.officeVisit' : 'outcome.bookAgain')}
            </a>
          </li>
          {office ? (
            <li>
              <a className="button" href={hrefOf(locale, { topic: 'help', hash: 'offices' })}>
                {t('outcome.offices')}
              </a>
            </li>
          ) : null}
        </ul>
        <p>
          {t.rich('fallbackCall', {
            call: (chunks) => (
              <a href="tel:1345">
                <bdi dir="ltr">{chunks}</bdi>
              </a>
            ),
          })}
        </p>
      </section>
    );
  }
  if (state.outcome === 'no_show') {
    return (
      <section aria-labelledby="outcome-heading" className={`${styles.notice} ${styles.warn}`} data-testid="outcome" data-outcome="no_show">
        <h2 id="outcome-heading">{t('outcome.noShowTitle')}</h2>
        <p>{t('outcome.noShowText')}</p>
        {again}
      </section>
    );
  }
  return (
    <section aria-labelledby="outcome-heading" className={`${styles.notice} ${styles.warn}`} data-testid="outcome" data-outcome="closed">
      <h2 id="outcome-heading">{t('outcome.closedTitle')}</h2>
      <p>{t('outcome.closedText')}</p>
      {again}
    </section>
  );
}

export default async function CallPage({ params }: PageProps<'/[locale]/booking/[secret]/call'>) {
  const { locale: raw, secret } = await params;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const app = await pageAppContext();
  const found = await findBookingBySecret(app.db, secret);
  if (!found || found.slot.kind !== 'video') notFound();
  const state = await getResidentCallState(app, { secret });
  const t = await getTranslations({ locale, namespace: 'call' });
  const text = await slotText(locale, found.slot);

  return (
    <>
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <dl className={styles.facts} data-testid="appointment">
        <dt>{t('reference')}</dt>
        <dd>
          <bdi dir="ltr">{state.reference}</bdi>
        </dd>
        <dt>{t('when')}</dt>
        <dd>
          {text.day}
          <br />
          <time dateTime={found.slot.startsAt.toISOString()}>{text.time}</time>
        </dd>
      </dl>

      {state.phase === 'ended' ? (
        <Outcome t={t} locale={locale} state={state} origin={app.config.origins[0] ?? ''} />
      ) : (
        <>
          <section aria-labelledby="how-heading">
            <h2 id="how-heading">{t('howTitle')}</h2>
            <ol className="checklist">
              {HOW.map((item) => (
                <li key={item}>{t(`how.${item}`)}</li>
              ))}
            </ol>
            <p>{t('noRecording')}</p>
          </section>
          <noscript>
            <p className={`${styles.notice} ${styles.warn}`}>{t('noScript')}</p>
          </noscript>
          <ResidentCall
            locale={locale}
            secret={secret}
            initial={{ phase: state.phase, joined: state.joined, stillsConsent: state.stillsConsent, code: state.code, lastSeq: state.lastSeq }}
            iceServers={app.config.iceServers ?? []}
            labels={labelsOf(t, await messageForCode(locale, 'video.code_format'))}
            promptTexts={promptTexts(t)}
            fallback={<Fallback t={t} locale={locale} secret={secret} />}
          />
          <noscript>
            <Fallback t={t} locale={locale} secret={secret} />
          </noscript>
        </>
      )}
    </>
  );
}
