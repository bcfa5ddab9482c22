'use client';
// The officer's side of the video check: the resident's video large and
// their own small, the connection's state, the liveness prompts the app
// chose (each can be shown on the resident's screen), the checklist (the
// SMS code's line ticked by the app), stills with the resident's consent,
// the fraud flag, and the outcome buttons (approve only when everything is
// ticked). The session's state is read again every two seconds; once it has
// an outcome the page is rendered again by the server. Strings arrive
// translated; nothing here decides anything the server does not check again.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import { ApiError, callApi, openCamera, PeerLink, type LinkStatus, type RelayedSignal, type SignalKind } from './peer';
import styles from './video.module.css';

export type ChecklistItem = 'card_front' | 'card_back' | 'card_tilt' | 'serial_read_matches' | 'face_matches' | 'liveness_done' | 'code_confirmed';
type StillKind = 'face' | 'card_front' | 'card_back';

export type OfficerSessionState = {
  checklist: Record<ChecklistItem, boolean>;
  missing: ChecklistItem[];
  joined: boolean;
  code: { sent: boolean; confirmed: boolean; triesLeft: number };
  stillsConsent: boolean;
  stills: Array<{ kind: StillKind }>;
  fraud: { suspected: boolean; reason: string | null };
  outcome: string | null;
  approvable: boolean;
  lastSeq: number;
};

export type OfficerCallLabels = {
  statusLabel: string;
  status: Record<LinkStatus, string>;
  remoteLabel: string;
  selfLabel: string;
  cameraOff: string;
  soundOn: string;
  livenessHeading: string;
  livenessHint: string;
  showPrompt: string;
  promptShown: string;
  checklistHeading: string;
  /** sent[n]: the line for n tries left (1 to 5). */
  code: { notSent: string; sent: string[]; confirmed: string; locked: string };
  stillsHeading: string;
  stillsNoConsent: string;
  stillsConsent: string;
  take: Record<StillKind, string>;
  stillSaved: string;
  fraudHeading: string;
  fraudReason: string;
  fraudNote: string;
  fraudFlag: string;
  /** With "{reason}" left in for the reason's label. */
  fraudFlagged: string;
  outcomeHeading: string;
  approve: string;
  approveHint: string;
  /** With "{items}" left in. */
  missing: string;
  reject: string;
  rejectReason: string;
  noShow: string;
  saving: string;
};

const STILL_KINDS: readonly StillKind[] = ['face', 'card_front', 'card_back'];

export function OfficerCall(props: {
  locale: string;
  sessionId: string;
  initial: OfficerSessionState;
  iceServers: RTCIceServer[];
  labels: OfficerCallLabels;
  /** The session's liveness prompts, in the officer's language, in order. */
  prompts: string[];
  checks: Array<[ChecklistItem, string]>;
  rejectReasons: Array<[string, string]>;
  fraudReasons: Array<[string, string]>;
}) {
  const { locale, sessionId, labels } = props;
  const router = useRouter();
  const [view, setView] = useState(props.initial);
  const [status, setStatus] = useState<LinkStatus>('waiting');
  const [cameraOff, setCameraOff] = useState(false);
  const [needsSound, setNeedsSound] = useState(false);
  const [shown, setShown] = useState<number[]>([]);
  const [saved, setSaved] = useState<Partial<Record<StillKind, string>>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [hydrated, setHydrated] = useState(false);
  const remote = useRef<HTMLVideoElement | null>(null);
  const self = useRef<HTMLVideoElement | null>(null);
  const link = useRef<PeerLink | null>(null);
  const stream = useRef<MediaStream | null>(null);
  const base = `/api/proofing/sessions/${sessionId}`;

  // Ticks on their way to the server: a state read meanwhile must not untick them on screen.
  const pendingChecks = useRef(new Map<ChecklistItem, boolean>());
  const refresh = useCallback(async () => {
    const next = await callApi<OfficerSessionState>(base);
    const checklist = { ...next.checklist };
    for (const [item, value] of pendingChecks.current) checklist[item] = value;
    setView({ ...next, checklist });
    return next;
  }, [base]);

  const stopMedia = useCallback(() => {
    link.current?.stop();
    link.current = null;
    stream.current?.getTracks().forEach((t) => t.stop());
    stream.current = null;
  }, []);

  async function playRemote(media: MediaStream) {
    const video = remote.current;
    if (!video) return;
    if (video.srcObject !== media) video.srcObject = media;
    try {
      await video.play();
    } catch {
      // No sound without a tap on this page yet: play muted and offer the sound.
      video.muted = true;
      setNeedsSound(true);
      await video.play().catch(() => {});
    }
  }

  // The camera, then the link; the link ends with the page.
  useEffect(() => {
    setHydrated(true);
    let cancelled = false;
    void (async () => {
      const opened = await openCamera();
      if (cancelled) {
        if ('stream' in opened) opened.stream.getTracks().forEach((t) => t.stop());
        return;
      }
      if ('stream' in opened) {
        stream.current = opened.stream;
        if (self.current) self.current.srcObject = opened.stream;
      } else setCameraOff(true);
      const transport = {
        post: (kind: SignalKind, payload: unknown, options?: { keepalive?: boolean }) =>
          callApi<unknown>(`${base}/signals`, { body: { kind, payload }, keepalive: options?.keepalive }).then(() => {}),
        read: (after: number) => callApi<{ signals: RelayedSignal[]; ended: boolean }>(`${base}/signals?after=${after}`),
      };
      const peer = new PeerLink({
        role: 'officer',
        transport,
        iceServers: props.iceServers,
        localStream: stream.current,
        after: props.initial.lastSeq,
        onRemoteStream: (media) => void playRemote(media),
        onStatus: setStatus,
      });
      link.current = peer;
      (globalThis as { __arcVideoCall?: PeerLink }).__arcVideoCall = peer;
      await peer.start();
    })();
    const bye = () => stopMedia();
    window.addEventListener('pagehide', bye);
    return () => {
      cancelled = true;
      window.removeEventListener('pagehide', bye);
      stopMedia();
    };
  }, []);

  // The session's state every two seconds: joined, the code, consent; the outcome ends the call.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      try {
        const next = await refresh();
        if (next.outcome) {
          stopMedia();
          router.refresh();
          return;
        }
      } catch {
        // The next tick tries again.
      }
      timer = setTimeout(tick, 2000);
    };
    timer = setTimeout(tick, 2000);
    return () => clearTimeout(timer);
  }, [refresh, router, stopMedia]);

  async function act(run: () => Promise<unknown>) {
    setError('');
    setBusy(true);
    try {
      await run();
      await refresh();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  // Each tick is its own request (the server merges them under a row lock), so the officer can tick at speed.
  async function tick(item: ChecklistItem, value: boolean) {
    setError('');
    pendingChecks.current.set(item, value);
    setView((v) => ({ ...v, checklist: { ...v.checklist, [item]: value } }));
    try {
      await callApi(`${base}/checklist`, { body: { items: { [item]: value }, locale } });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
      setView((v) => ({ ...v, checklist: { ...v.checklist, [item]: !value } }));
    } finally {
      pendingChecks.current.delete(item);
    }
    await refresh().catch(() => {});
  }

  const showPrompt = (index: number) =>
    act(async () => {
      await callApi(`${base}/signals`, { body: { kind: 'prompt', payload: { index } } });
      setShown((s) => [...new Set([...s, index])]);
    });

  const takeStill = (kind: StillKind) =>
    act(async () => {
      const video = remote.current;
      if (!video || !video.videoWidth) throw new Error(labels.status.waiting);
      const canvas = document.createElement('canvas');
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      canvas.getContext('2d')!.drawImage(video, 0, 0);
      const dataUrl = canvas.toDataURL('image/jpeg', 0.85);
      await callApi(`${base}/stills`, { body: { kind, image: dataUrl.slice(dataUrl.indexOf(',') + 1), locale } });
      setSaved((s) => ({ ...s, [kind]: dataUrl }));
    });

  const decide = (body: Record<string, string>) =>
    act(async () => {
      await callApi(`${base}/outcome`, { body: { ...body, locale } });
      stopMedia();
      router.refresh();
    });

  const codeLine = view.code.confirmed
    ? labels.code.confirmed
    : view.code.sent
      ? view.code.triesLeft > 0
        ? (labels.code.sent[view.code.triesLeft] ?? labels.code.sent.at(-1)!)
        : labels.code.locked
      : labels.code.notSent;
  const missingText = props.checks
    .filter(([item]) => view.missing.includes(item))
    .map(([, label]) => label)
    .join(' · ');
  const fraudLabel = props.fraudReasons.find(([code]) => view.fraud.reason?.startsWith(code))?.[1] ?? view.fraud.reason ?? '';

  return (
    <div className={styles.sections} data-testid="officer-call" data-status={status}>
      <section aria-labelledby="call-status-heading">
        <h2 id="call-status-heading">{labels.statusLabel}</h2>
        <p className={styles.status} data-status={status} role="status" aria-live="polite" data-testid="call-status">
          {labels.status[status]}
        </p>
        <div className={styles.stage}>
          <video ref={remote} className={styles.remote} autoPlay playsInline aria-label={labels.remoteLabel} data-testid="remote-video" onPlaying={(e) => e.currentTarget.videoWidth > 0 && link.current?.markRemotePlaying()} onResize={(e) => e.currentTarget.videoWidth > 0 && !e.currentTarget.paused && link.current?.markRemotePlaying()} />
          <video ref={self} className={styles.self} autoPlay playsInline muted aria-label={labels.selfLabel} data-testid="self-video" />
          {needsSound ? (
            <button
              type="button"
              className={`button primary ${styles.sound}`}
              onClick={() => {
                if (remote.current) remote.current.muted = false;
                setNeedsSound(false);
              }}
            >
              {labels.soundOn}
            </button>
          ) : null}
        </div>
        {cameraOff ? <p className={`${styles.notice} ${styles.warn}`}>{labels.cameraOff}</p> : null}
      </section>

      <p role="alert" className={styles.error} data-testid="officer-error">
        {error}
      </p>

      <section aria-labelledby="liveness-heading">
        <h2 id="liveness-heading">{labels.livenessHeading}</h2>
        <p className="note">{labels.livenessHint}</p>
        <ol className={styles.prompts} data-testid="liveness">
          {props.prompts.map((text, index) => (
            <li key={index}>
              <span>{text}</span>
              <button
                type="button"
                className={`button ${styles.small}`}
                onClick={() => void showPrompt(index)}
                disabled={!hydrated || !view.joined}
                aria-label={`${labels.showPrompt}: ${text}`}
              >
                {shown.includes(index) ? labels.promptShown : labels.showPrompt}
              </button>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="checklist-heading">
        <h2 id="checklist-heading">{labels.checklistHeading}</h2>
        <fieldset className="panel" data-testid="checklist" aria-labelledby="checklist-heading">
          {props.checks.map(([item, label]) => (
            <label key={item} className={styles.check}>
              <input
                type="checkbox"
                name={item}
                checked={view.checklist[item]}
                disabled={!hydrated || item === 'code_confirmed'}
                onChange={(e) => void tick(item, e.target.checked)}
              />
              <span>{label}</span>
            </label>
          ))}
          <p className={view.code.confirmed ? styles.ok : styles.muted} data-testid="code-status" role="status">
            {codeLine}
          </p>
        </fieldset>
      </section>

      <section aria-labelledby="stills-heading">
        <h2 id="stills-heading">{labels.stillsHeading}</h2>
        {view.stillsConsent ? (
          <>
            <p className="note">{labels.stillsConsent}</p>
            <div className={styles.stills}>
              {STILL_KINDS.map((kind) => (
                <figure key={kind}>
                  <button type="button" className={`button ${styles.small}`} onClick={() => void takeStill(kind)} disabled={!hydrated || busy || status !== 'connected'}>
                    {labels.take[kind]}
                  </button>
                  {saved[kind] || view.stills.some((s) => s.kind === kind) ? (
                    <figcaption className={styles.ok} data-testid={`still-${kind}`}>
                      {labels.stillSaved}
                    </figcaption>
                  ) : null}
                  {saved[kind] ? <img src={saved[kind]} alt={labels.take[kind]} /> : null}
                </figure>
              ))}
            </div>
          </>
        ) : (
          <p className="note" data-testid="stills-no-consent">
            {labels.stillsNoConsent}
          </p>
        )}
      </section>

      <section aria-labelledby="fraud-heading">
        <h2 id="fraud-heading">{labels.fraudHeading}</h2>
        {view.fraud.suspected ? (
          <p className={`${styles.notice} ${styles.bad}`} data-testid="fraud-flagged">
            {labels.fraudFlagged.replace('{reason}', fraudLabel)}
          </p>
        ) : (
          <form
            className={styles.form}
            action={(form) =>
              void act(() =>
                callApi(`${base}/fraud`, { body: { reason: String(form.get('reason')), note: String(form.get('note') ?? '') || undefined, locale } }),
              )
            }
          >
            <div className={styles.field}>
              <label htmlFor="fraud-reason">{labels.fraudReason}</label>
              <select id="fraud-reason" name="reason" required defaultValue="">
                <option value="" disabled>
                  —
                </option>
                {props.fraudReasons.map(([code, label]) => (
                  <option key={code} value={code}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
            <div className={styles.field}>
              <label htmlFor="fraud-note">{labels.fraudNote}</label>
              <textarea id="fraud-note" name="note" maxLength={500} rows={2} />
            </div>
            <button type="submit" className="button" disabled={!hydrated || busy}>
              {labels.fraudFlag}
            </button>
          </form>
        )}
      </section>

      <section aria-labelledby="outcome-heading">
        <h2 id="outcome-heading">{labels.outcomeHeading}</h2>
        <p className="note" id="approve-hint">
          {view.approvable ? labels.approveHint : missingText ? labels.missing.replace('{items}', missingText) : labels.approveHint}
        </p>
        <button
          type="button"
          className="button primary"
          onClick={() => void decide({ outcome: 'approve' })}
          disabled={!hydrated || busy || !view.approvable}
          aria-describedby="approve-hint"
          data-testid="approve"
        >
          {busy ? labels.saving : labels.approve}
        </button>
        <form className={styles.form} action={(form) => void decide({ outcome: 'reject', reason: String(form.get('reason')) })}>
          <div className={styles.field}>
            <label htmlFor="reject-reason">{labels.rejectReason}</label>
            <select id="reject-reason" name="reason" required defaultValue="">
              <option value="" disabled>
                —
              </option>
              {props.rejectReasons.map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button" disabled={!hydrated || busy} data-testid="reject">
            {labels.reject}
          </button>
        </form>
        {!view.joined ? (
          <button type="button" className="button" onClick={() => void decide({ outcome: 'no_show' })} disabled={!hydrated || busy}>
            {labels.noShow}
          </button>
        ) : null}
      </section>
    </div>
  );
}
