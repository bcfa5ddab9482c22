'use client';
// The resident's side of the video check, once the page has said what will
// happen: the choice about still pictures, a test picture from the camera
// (with a clear way out when the camera is refused or missing), then the
// call itself: the officer's video, the resident's own, the connection's
// state, the SMS code field and the liveness prompt the officer shows.
// When the session ends, the page is rendered again by the server with the
// outcome. Every string arrives translated.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useRouter } from 'next/navigation';
import { ApiError, callApi, openCamera, PeerLink, type LinkStatus, type RelayedSignal, type SignalKind } from './peer';
import styles from './video.module.css';
import { SIX_DIGIT_CODE_PATTERN } from '@/lib/i18n';

export type ResidentCallLabels = {
  stillsLabel: string;
  stillsHint: string;
  stillsOn: string;
  stillsOff: string;
  stillsAllow: string;
  stillsWithdraw: string;
  testTitle: string;
  testIntro: string;
  testButton: string;
  testing: string;
  previewLabel: string;
  previewOk: string;
  micOk: string;
  joinButton: string;
  joining: string;
  blockedTitle: string;
  blockedDenied: string;
  blockedMissing: string;
  blockedOther: string;
  tryAgain: string;
  waitingOfficer: string;
  statusLabel: string;
  status: Record<LinkStatus, string>;
  remoteLabel: string;
  selfLabel: string;
  soundOn: string;
  codeTitle: string;
  codeSent: string;
  codeSentNoPhone: string;
  codeLabel: string;
  /** What the code looks like (6 digits), shown by the browser when what is typed cannot be one. */
  codeFormat: string;
  codeSubmit: string;
  codeResend: string;
  codeResent: string;
  codeConfirmed: string;
  promptTitle: string;
  leave: string;
  left: string;
  rejoin: string;
};

type CallState = {
  phase: 'waiting' | 'open' | 'ended';
  joined: boolean;
  stillsConsent: boolean;
  code: { sent: boolean; confirmed: boolean; triesLeft: number; expired: boolean };
  lastSeq: number;
};

type Step = 'intro' | 'testing' | 'preview' | 'blocked' | 'waiting' | 'live' | 'left';

const SECRET_HEADER = 'x-booking-secret';

export function ResidentCall(props: {
  locale: string;
  secret: string;
  initial: CallState;
  iceServers: RTCIceServer[];
  labels: ResidentCallLabels;
  /** labels.codeSent holds the literal "{phone}" where the masked number goes. */
  /** The liveness prompts as the resident reads them, by "kind:side" / "fingers:n". */
  promptTexts: Record<string, string>;
  /** Shown when the camera cannot be used: the other ways (booking page, office visit, 1345). */
  fallback: ReactNode;
}) {
  const { locale, secret, labels } = props;
  const router = useRouter();
  const [step, setStep] = useState<Step>('intro');
  const [blocked, setBlocked] = useState<'denied' | 'missing' | 'other'>('denied');
  const [consent, setConsent] = useState(props.initial.stillsConsent);
  const [status, setStatus] = useState<LinkStatus>('waiting');
  const [code, setCode] = useState(props.initial.code);
  const [codeSentTo, setCodeSentTo] = useState<string | null>(null);
  const [codeError, setCodeError] = useState('');
  const [codeNote, setCodeNote] = useState('');
  const [pending, setPending] = useState(false);
  const [prompt, setPrompt] = useState<string | null>(null);
  const [needsSound, setNeedsSound] = useState(false);
  const [hydrated, setHydrated] = useState(false);
  const stream = useRef<MediaStream | null>(null);
  const link = useRef<PeerLink | null>(null);
  const preview = useRef<HTMLVideoElement | null>(null);
  const self = useRef<HTMLVideoElement | null>(null);
  const remote = useRef<HTMLVideoElement | null>(null);
  const heading = useRef<HTMLHeadingElement | null>(null);
  const stopped = useRef(false);

  useEffect(() => setHydrated(true), []);

  const headers = { [SECRET_HEADER]: secret };
  const readState = useCallback(() => callApi<CallState>('/api/proofing/call', { headers: { [SECRET_HEADER]: secret } }), [secret]);

  const stopMedia = useCallback(() => {
    link.current?.stop();
    link.current = null;
    stream.current?.getTracks().forEach((t) => t.stop());
    stream.current = null;
  }, []);

  // Leaving the page says goodbye to the officer's side and frees the camera.
  useEffect(() => {
    const bye = () => stopMedia();
    window.addEventListener('pagehide', bye);
    return () => {
      window.removeEventListener('pagehide', bye);
      stopped.current = true;
      stopMedia();
    };
  }, [stopMedia]);

  // Each new step takes the reader's focus to its heading.
  useEffect(() => {
    if (step !== 'intro') heading.current?.focus();
  }, [step]);

  // The preview shows the camera once its <video> exists.
  useEffect(() => {
    if (step === 'preview' && preview.current && stream.current) preview.current.srcObject = stream.current;
    if (step === 'live' && self.current && stream.current) self.current.srcObject = stream.current;
  }, [step]);

  async function test() {
    setStep('testing');
    const opened = await openCamera();
    if ('error' in opened) {
      setBlocked(opened.error);
      setStep('blocked');
      return;
    }
    stream.current = opened.stream;
    setStep('preview');
  }

  async function playRemote(media: MediaStream) {
    const video = remote.current;
    if (!video) return;
    if (video.srcObject !== media) video.srcObject = media;
    try {
      await video.play();
    } catch {
      // The browser refuses sound without a tap: play muted and offer the sound.
      video.muted = true;
      setNeedsSound(true);
      await video.play().catch(() => {});
    }
  }

  function startLink(after: number) {
    const transport = {
      post: (kind: SignalKind, payload: unknown, options?: { keepalive?: boolean }) =>
        callApi<unknown>('/api/proofing/call/signals', { body: { secret, kind, payload }, keepalive: options?.keepalive }).then(() => {}),
      read: (from: number) =>
        callApi<{ signals: RelayedSignal[]; ended: boolean }>(`/api/proofing/call/signals?after=${from}`, { headers: { [SECRET_HEADER]: secret } }),
    };
    const peer = new PeerLink({
      role: 'resident',
      transport,
      iceServers: props.iceServers,
      localStream: stream.current,
      after,
      onRemoteStream: (media) => void playRemote(media),
      onStatus: setStatus,
      onPrompt: (p) => {
        const value = p as { kind?: string; side?: string; count?: number } | null;
        if (!value?.kind) return;
        const key = value.kind === 'fingers' ? `fingers:${value.count}` : value.side ? `${value.kind}:${value.side}` : value.kind;
        setPrompt(props.promptTexts[key] ?? null);
      },
      onEnded: () => finish(),
    });
    link.current = peer;
    (globalThis as { __arcVideoCall?: PeerLink }).__arcVideoCall = peer;
    void peer.start();
  }

  function finish() {
    stopMedia();
    setStatus('ended');
    router.refresh();
  }

  async function join() {
    setPending(true);
    setStep('waiting');
    try {
      // Wait for the officer to start the session, then join it.
      for (;;) {
        if (stopped.current) return;
        const state = await readState();
        if (state.phase === 'ended') return finish();
        if (state.phase === 'open') {
          const joined = await callApi<{ codeSentTo: string | null; rejoined: boolean }>('/api/proofing/call/join', {
            body: { secret, stillsConsent: consent, locale },
          });
          if (joined.rejoined && state.stillsConsent !== consent) {
            await callApi('/api/proofing/call/consent', { body: { secret, consent, locale } });
          }
          setCodeSentTo(joined.codeSentTo);
          const fresh = await readState();
          setCode(fresh.code);
          setStep('live');
          startLink(fresh.lastSeq);
          return;
        }
        await new Promise((r) => setTimeout(r, 2000));
      }
    } catch (error) {
      setCodeError(error instanceof ApiError ? error.message : '');
      setStep('preview');
    } finally {
      setPending(false);
    }
  }

  // During the call: the session's state (the code, the outcome) every two seconds.
  useEffect(() => {
    if (step !== 'live') return;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      try {
        const state = await readState();
        setCode(state.code);
        if (state.phase === 'ended') return finish();
      } catch {
        // The next tick tries again.
      }
      timer = setTimeout(tick, 2000);
    };
    timer = setTimeout(tick, 2000);
    return () => clearTimeout(timer);
  }, [step]);

  async function sendCode(form: FormData) {
    setCodeError('');
    setCodeNote('');
    setPending(true);
    try {
      await callApi('/api/proofing/call/code', { body: { secret, code: String(form.get('code') ?? ''), locale } });
      setCode((c) => ({ ...c, confirmed: true }));
    } catch (error) {
      setCodeError(error instanceof ApiError ? error.message : '');
      const state = await readState().catch(() => null);
      if (state) setCode(state.code);
    } finally {
      setPending(false);
    }
  }

  async function resend() {
    setCodeError('');
    setCodeNote('');
    try {
      const sent = await callApi<{ codeSentTo: string }>('/api/proofing/call/code/resend', { body: { secret, locale } });
      setCodeSentTo(sent.codeSentTo);
      setCodeNote(labels.codeResent);
    } catch (error) {
      setCodeError(error instanceof ApiError ? error.message : '');
    }
  }

  async function changeConsent(next: boolean) {
    try {
      await callApi('/api/proofing/call/consent', { body: { secret, consent: next, locale } });
      setConsent(next);
    } catch (error) {
      setCodeError(error instanceof ApiError ? error.message : '');
    }
  }

  function leave() {
    stopMedia();
    setStatus('ended');
    setStep('left');
  }

  const consentBox = (
    <label className={styles.check}>
      <input type="checkbox" name="stillsConsent" checked={consent} onChange={(e) => setConsent(e.target.checked)} aria-describedby="stills-hint" />
      <span>
        {labels.stillsLabel}
        <br />
        <span id="stills-hint" className={styles.muted}>
          {labels.stillsHint}
        </span>
      </span>
    </label>
  );

  if (step === 'blocked') {
    return (
      <section aria-labelledby="blocked-heading" className={`${styles.notice} ${styles.bad}`} data-testid="camera-blocked" data-reason={blocked}>
        <h2 id="blocked-heading" tabIndex={-1} ref={heading}>
          {labels.blockedTitle}
        </h2>
        <p role="alert">{blocked === 'denied' ? labels.blockedDenied : blocked === 'missing' ? labels.blockedMissing : labels.blockedOther}</p>
        <p>
          <button type="button" className="button" onClick={() => void test()}>
            {labels.tryAgain}
          </button>
        </p>
        {props.fallback}
      </section>
    );
  }

  if (step === 'live' || step === 'waiting') {
    const statusText = step === 'waiting' ? labels.waitingOfficer : labels.status[status];
    return (
      <section aria-labelledby="call-heading" data-testid="call" data-status={step === 'waiting' ? 'waiting-officer' : status}>
        <h2 id="call-heading" tabIndex={-1} ref={heading}>
          {labels.statusLabel}
        </h2>
        <p className={styles.status} data-status={step === 'waiting' ? 'waiting' : status} role="status" aria-live="polite" data-testid="call-status">
          {statusText}
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

        <div aria-live="polite" data-testid="prompt">
          {prompt ? (
            <div className={styles.prompt}>
              <p className={styles.promptLabel}>{labels.promptTitle}</p>
              <p>{prompt}</p>
            </div>
          ) : null}
        </div>

        {step === 'live' ? (
          <section aria-labelledby="code-heading">
            <h3 id="code-heading">{labels.codeTitle}</h3>
            {code.confirmed ? (
              <p className={`${styles.notice} ${styles.ok}`} role="status" data-testid="code-confirmed">
                {labels.codeConfirmed}
              </p>
            ) : (
              <form action={(form) => void sendCode(form)} className={styles.form} data-testid="code-form">
                <p>{codeSentTo ? labels.codeSent.replace('{phone}', '\u2068' + codeSentTo + '\u2069') : labels.codeSentNoPhone}</p>
                <div className={styles.field}>
                  <label htmlFor="video-code">{labels.codeLabel}</label>
                  <input
                    id="video-code"
                    name="code"
                    className={styles.code}
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    pattern={SIX_DIGIT_CODE_PATTERN}
                    title={labels.codeFormat}
                    maxLength={16}
                    required
                    dir="ltr"
                    aria-invalid={codeError ? true : undefined}
                    aria-describedby="code-error"
                  />
                </div>
                <p id="code-error" role="alert" className={styles.error}>
                  {codeError}
                </p>
                {codeNote ? (
                  <p role="status" className={styles.muted}>
                    {codeNote}
                  </p>
                ) : null}
                <button type="submit" className="button primary" disabled={pending}>
                  {labels.codeSubmit}
                </button>
                <button type="button" className="button" onClick={() => void resend()}>
                  {labels.codeResend}
                </button>
              </form>
            )}
            <p className={styles.muted}>{consent ? labels.stillsOn : labels.stillsOff}</p>
            <p>
              <button type="button" className={`button ${styles.small}`} onClick={() => void changeConsent(!consent)}>
                {consent ? labels.stillsWithdraw : labels.stillsAllow}
              </button>
            </p>
          </section>
        ) : null}

        <p>
          <button type="button" className="button" onClick={leave}>
            {labels.leave}
          </button>
        </p>
      </section>
    );
  }

  if (step === 'left') {
    return (
      <section aria-labelledby="left-heading" className={styles.notice}>
        <h2 id="left-heading" tabIndex={-1} ref={heading}>
          {labels.status.ended}
        </h2>
        <p>{labels.left}</p>
        <button type="button" className="button primary" onClick={() => void test()}>
          {labels.rejoin}
        </button>
      </section>
    );
  }

  return (
    <section aria-labelledby="test-heading" data-testid="pre-join">
      {consentBox}
      <h2 id="test-heading" tabIndex={-1} ref={heading}>
        {labels.testTitle}
      </h2>
      <p>{labels.testIntro}</p>
      {step === 'preview' ? (
        <>
          <video ref={preview} className={styles.preview} autoPlay playsInline muted aria-label={labels.previewLabel} data-testid="preview" />
          <p className={`${styles.notice} ${styles.ok}`} role="status">
            {labels.previewOk} {stream.current?.getAudioTracks().some((t) => t.readyState === 'live') ? labels.micOk : ''}
          </p>
          <p id="code-error" role="alert" className={styles.error}>
            {codeError}
          </p>
          <button type="button" className="button primary" onClick={() => void join()} disabled={pending} data-testid="join">
            {pending ? labels.joining : labels.joinButton}
          </button>
        </>
      ) : (
        <button type="button" className="button primary" onClick={() => void test()} disabled={!hydrated || step === 'testing'} data-testid="test-camera">
          {step === 'testing' ? labels.testing : labels.testButton}
        </button>
      )}
    </section>
  );
}
