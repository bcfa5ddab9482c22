// One video check, for the officer running it: the registry facts to
// compare with the person and the card (shown only now that the session has
// started), then the call with its checklist (a client component), or the
// outcome once there is one.
import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { OfficerCall, type ChecklistItem, type OfficerCallLabels } from '@/components/video/officer-call';
import styles from '@/components/video/video.module.css';
import { messageForCode } from '@/app/_lib/error-message';
import { pageAppContext } from '@/app/_lib/page-context';
import { isAppError } from '@/lib/errors';
import { formatDate, formatTime, type Locale } from '@/lib/i18n';
import {
  CHECKLIST_ITEMS,
  CODE_MAX_TRIES,
  FRAUD_REASONS,
  getOfficerSessionView,
  listStills,
  REJECT_REASONS,
  STILLS_RETENTION_DAYS,
  videoErrors,
  type LivenessPrompt,
  type OfficerSessionView,
} from '@/lib/proofing';
import { languageName } from '../../../booking/_lib/display';
import { StaffBar } from '../../_components/staff-bar';
import { StaffForbidden } from '../../_components/forbidden';
import { guardStaffPage } from '../../_lib/guard';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: PageProps<'/[locale]/staff/video/[sessionId]'>): Promise<Metadata> {
  const { locale } = (await params) as { locale: Locale };
  const t = await getTranslations({ locale, namespace: 'staff.video' });
  return { title: t('title') };
}

type T = Awaited<ReturnType<typeof getTranslations<'staff.video'>>>;

function promptText(t: T, p: LivenessPrompt): string {
  switch (p.kind) {
    case 'turn_head':
    case 'touch_ear':
      return t(`prompt.${p.kind}`, { side: p.side });
    case 'fingers':
      return t('prompt.fingers', { count: p.count });
    default:
      return t(`prompt.${p.kind}`);
  }
}

function labelsOf(t: T): OfficerCallLabels {
  return {
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
    cameraOff: t('cameraOff'),
    soundOn: t('soundOn'),
    livenessHeading: t('livenessHeading'),
    livenessHint: t('livenessHint'),
    showPrompt: t('showPrompt'),
    promptShown: t('promptShown'),
    checklistHeading: t('checklistHeading'),
    code: {
      notSent: t('code.notSent'),
      sent: Array.from({ length: CODE_MAX_TRIES + 1 }, (_, n) => t('code.sent', { tries: n })),
      confirmed: t('code.confirmed'),
      locked: t('code.locked'),
    },
    stillsHeading: t('stillsHeading'),
    stillsNoConsent: t('stillsNoConsent'),
    stillsConsent: t('stillsConsent', { days: STILLS_RETENTION_DAYS }),
    take: { face: t('take.face'), card_front: t('take.card_front'), card_back: t('take.card_back') },
    stillSaved: t('stillSaved'),
    fraudHeading: t('fraudHeading'),
    fraudReason: t('fraudReason'),
    fraudNote: t('fraudNote'),
    fraudFlag: t('fraudFlag'),
    fraudFlagged: t('fraudFlagged', { reason: '{reason}' }),
    outcomeHeading: t('outcomeHeading'),
    approve: t('approve'),
    approveHint: t('approveHint'),
    missing: t('missing', { items: '{items}' }),
    reject: t('reject'),
    rejectReason: t('rejectReason'),
    noShow: t('noShow'),
    saving: t('saving'),
  };
}

function Record({ t, locale, view }: { t: T; locale: Locale; view: OfficerSessionView }) {
  const r = view.resident;
  let country = r.nationality;
  try {
    country = new Intl.DisplayNames([locale], { type: 'region' }).of(r.nationality) ?? r.nationality;
  } catch {}
  return (
    <section aria-labelledby="record-heading">
      <h2 id="record-heading">{t('recordHeading')}</h2>
      <dl className={styles.facts} data-testid="registry-record">
        <dt>{t('name')}</dt>
        <dd data-testid="resident-name" translate="no">{r.name}</dd>
        <dt>{t('cardSerial')}</dt>
        <dd>
          {r.card ? (
            <bdi dir="ltr" className={styles.serial} data-testid="card-serial">
              {r.card.serial}
            </bdi>
          ) : (
            t('noCard')
          )}
        </dd>
        <dt>{t('nationality')}</dt>
        <dd>{country}</dd>
        <dt>{t('birthDate')}</dt>
        <dd>{r.birthDate ? formatDate(locale, `${r.birthDate}T12:00:00+09:00`) : ''}</dd>
        {r.card ? (
          <>
            <dt>{t('cardKind')}</dt>
            <dd>{t(r.card.kind === 'chip' ? 'cardChip' : 'cardLegacy')}</dd>
            <dt>{t('cardExpires')}</dt>
            <dd>{formatDate(locale, `${r.card.expiresOn}T12:00:00+09:00`)}</dd>
          </>
        ) : null}
        <dt>{t('residentLanguage')}</dt>
        <dd>{languageName(locale, view.locale)}</dd>
      </dl>
    </section>
  );
}

export default async function VideoSessionPage({ params }: PageProps<'/[locale]/staff/video/[sessionId]'>) {
  const { locale, sessionId } = (await params) as { locale: Locale; sessionId: string };
  setRequestLocale(locale);
  const gate = await guardStaffPage(locale, ['officer'], `/${locale}/staff/video/${sessionId}`);
  if (!gate.ok) return <StaffForbidden locale={locale} role={gate.role} />;
  const t = await getTranslations({ locale, namespace: 'staff.video' });
  const app = await pageAppContext();
  const input = { officerId: gate.staff.staffId, sessionId };
  let view: OfficerSessionView;
  let stills;
  try {
    [view, stills] = await Promise.all([getOfficerSessionView(app, input), listStills(app, input)]);
  } catch (error) {
    if (!videoErrors.is(error, 'session_unknown') && !videoErrors.is(error, 'not_your_session') && !isAppError(error)) throw error;
    return (
      <>
        <StaffBar locale={locale} staff={gate.staff} />
        <h1>{t('title')}</h1>
        <div className={`${styles.notice} ${styles.bad}`} role="alert" data-testid="session-error">
          <p>{await messageForCode(locale, (error as { code: string }).code)}</p>
        </div>
        <p>
          <a href={`/${locale}/staff/video`}>{t('back')}</a>
        </p>
      </>
    );
  }

  const heading = (
    <>
      <StaffBar locale={locale} staff={gate.staff} />
      <p>
        <a href={`/${locale}/staff/video`}>{t('back')}</a>
      </p>
      <h1>{t('callTitle', { reference: `\u2066${view.reference}\u2069` })}</h1>
    </>
  );

  if (view.outcome) {
    const done =
      view.outcome === 'approved'
        ? t('done.approved', { time: view.grantExpiresAt ? formatTime(locale, view.grantExpiresAt) : '' })
        : view.outcome === 'rejected'
          ? t('done.rejected', { reason: view.reasonCode && (REJECT_REASONS as readonly string[]).includes(view.reasonCode) ? t(`rejectReasons.${view.reasonCode as (typeof REJECT_REASONS)[number]}`) : '' })
          : t('done.no_show');
    return (
      <>
        {heading}
        <div className={`${styles.notice} ${view.outcome === 'approved' ? styles.ok : styles.warn}`} role="status" data-testid="session-done" data-outcome={view.outcome}>
          <p>{done}</p>
        </div>
        <Record t={t} locale={locale} view={view} />
        <p>
          <a className="button" href={`/${locale}/staff/video`}>
            {t('back')}
          </a>
        </p>
      </>
    );
  }

  const checks: Array<[ChecklistItem, string]> = CHECKLIST_ITEMS.map((item) => [item, t(`checks.${item}`)]);
  return (
    <>
      {heading}
      <Record t={t} locale={locale} view={view} />
      <OfficerCall
        locale={locale}
        sessionId={view.sessionId}
        initial={{
          checklist: view.checklist,
          missing: view.missing,
          joined: view.joined,
          code: view.code,
          stillsConsent: view.stillsConsent,
          stills: stills.map((s) => ({ kind: s.kind })),
          fraud: view.fraud,
          outcome: view.outcome,
          approvable: view.approvable,
          lastSeq: view.lastSeq,
        }}
        iceServers={app.config.iceServers ?? []}
        labels={labelsOf(t)}
        prompts={view.liveness.map((p) => promptText(t, p))}
        checks={checks}
        rejectReasons={REJECT_REASONS.map((code) => [code, t(`rejectReasons.${code}`)])}
        fraudReasons={FRAUD_REASONS.map((code) => [code, t(`fraudReasons.${code}`)])}
      />
    </>
  );
}
