'use client';
// The verifier's page: scan the holder's QR code with the camera or paste
// it, or ask for a card by showing a request QR code. Works offline with the
// key set and status list saved the last time it was online.
import { useCallback, useEffect, useRef, useState } from 'react';
import { formatWithShape } from '@/lib/i18n';
import { refreshTrustData, savedTrustDataAt, verifyToken, type Verdict } from '../_lib/local-verify';
import { Result, type ResultLabels } from './result';
import styles from '../verify.module.css';

/** A time of the longest usual shape (two-digit day and hour), for the space the "ready" line will need. */
const SAMPLE_SAVED_AT = Date.UTC(2026, 11, 28, 13, 58);

type Mode = 'scan' | 'paste' | 'ask';
type Profile = 'full' | 'identity' | 'age19';

export type VerifierLabels = {
  tabs: Record<Mode, string>;
  scan: { start: string; stop: string; hint: string; noCamera: string; starting: string };
  paste: { label: string; check: string; empty: string };
  checking: string;
  offlineReady: string;
  offlineNotReady: string;
  ask: {
    heading: string;
    intro: string;
    name: string;
    profile: string;
    create: string;
    waiting: string;
    scanHint: string;
    declined: string;
    expired: string;
    again: string;
    nameRequired: string;
    failed: string;
    endsAt: string;
  };
  result: ResultLabels;
};

type AskState =
  | { step: 'form' }
  | { step: 'waiting'; id: string; secret: string; svg: string; expiresAt: number }
  | { step: 'done'; state: 'declined' | 'expired' };

export function Verifier({ locale, labels }: { locale: string; labels: VerifierLabels }) {
  const [mode, setMode] = useState<Mode>('scan');
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [checking, setChecking] = useState(false);
  const [pasted, setPasted] = useState('');
  // "Check" with nothing pasted: said at the box, which takes the focus (it did nothing at all).
  const [pasteEmpty, setPasteEmpty] = useState(false);
  const pasteBox = useRef<HTMLTextAreaElement>(null);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [cameraOn, setCameraOn] = useState(false);
  const [cameraMessage, setCameraMessage] = useState<string | null>(null);
  const [ask, setAsk] = useState<AskState>({ step: 'form' });
  const [askProfile, setAskProfile] = useState<Profile>('age19');
  const [askName, setAskName] = useState('');
  const [askError, setAskError] = useState<string | null>(null);
  const [askNameWrong, setAskNameWrong] = useState(false);
  const askNameRef = useRef<HTMLInputElement>(null);
  const videoRef = useRef<HTMLVideoElement>(null);
  const scannerRef = useRef<{ stop(): void } | null>(null);

  const time = { format: (at: number) => formatWithShape(labels.result.timeShape, at) };

  useEffect(() => {
    setSavedAt(savedTrustDataAt());
    void refreshTrustData().then(() => setSavedAt(savedTrustDataAt()));
    const timer = setInterval(() => void refreshTrustData().then(() => setSavedAt(savedTrustDataAt())), 5 * 60_000);
    return () => clearInterval(timer);
  }, []);

  const check = useCallback(async (token: string) => {
    setChecking(true);
    try {
      setVerdict(await verifyToken(token.trim()));
    } finally {
      setChecking(false);
    }
  }, []);

  function stopCamera() {
    scannerRef.current?.stop();
    scannerRef.current = null;
    setCameraOn(false);
  }

  async function startCamera() {
    setCameraMessage(labels.scan.starting);
    try {
      const { startScanner } = await import('../_lib/scanner');
      scannerRef.current = await startScanner(videoRef.current!, (text) => {
        stopCamera();
        void check(text);
      });
      setCameraOn(true);
      setCameraMessage(null);
    } catch {
      setCameraMessage(labels.scan.noCamera);
      stopCamera();
    }
  }

  useEffect(() => () => scannerRef.current?.stop(), []);

  async function createRequest() {
    setAskError(null);
    setAskNameWrong(false);
    if (askName.trim().length < 2) {
      // The field says what is wrong, and the cursor goes back to it.
      setAskNameWrong(true);
      askNameRef.current?.focus();
      return;
    }
    try {
      const response = await fetch('/api/presentations/requests', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ profile: askProfile, verifierName: askName, locale }),
      });
      const data = (await response.json()) as { id?: string; pollSecret?: string; svg?: string; expiresAt?: string; error?: { message?: string } };
      if (!response.ok || !data.id) {
        setAskError(data.error?.message ?? labels.ask.failed);
        return;
      }
      setAsk({ step: 'waiting', id: data.id, secret: data.pollSecret!, svg: data.svg!, expiresAt: new Date(data.expiresAt!).getTime() });
    } catch {
      setAskError(labels.ask.failed);
    }
  }

  // Polls for the holder's answer every two seconds while waiting.
  useEffect(() => {
    if (ask.step !== 'waiting') return;
    let stopped = false;
    const poll = async () => {
      if (stopped) return;
      try {
        const response = await fetch(`/api/presentations/requests/${ask.id}?locale=${encodeURIComponent(locale)}`, {
          headers: { 'x-poll-secret': ask.secret },
          cache: 'no-store',
        });
        const data = (await response.json()) as { state?: string; result?: Verdict };
        if (data.state === 'approved' && data.result) {
          setVerdict({ ...data.result, mode: 'live' });
          setAsk({ step: 'form' });
          return;
        }
        if (data.state === 'declined' || data.state === 'expired') {
          setAsk({ step: 'done', state: data.state });
          return;
        }
      } catch {
        // Offline for a moment: keep asking.
      }
      if (!stopped) setTimeout(poll, 2000);
    };
    const first = setTimeout(poll, 1000);
    return () => {
      stopped = true;
      clearTimeout(first);
    };
  }, [ask, locale]);

  function again() {
    setVerdict(null);
    setPasted('');
    setAsk({ step: 'form' });
  }

  if (verdict) return <Result verdict={verdict} locale={locale} labels={labels.result} onAgain={again} />;

  return (
    <div className={styles.verifier}>
      {/* Both texts share one cell, the one not in force hidden: the line is as tall as the longer of
          them from the first paint, so nothing below moves when the keys are saved (a layout shift of
          0.03 in Urdu). The hidden one is a sample time of the same shape (a fixed one: no mismatch
          between the server's render and the browser's). */}
      <p className={`${styles.offlineLine} ${savedAt ? styles.ready : styles.notReady}`} data-testid="offline-ready" data-ready={savedAt ? 'true' : 'false'}>
        <span aria-hidden={savedAt ? undefined : true}>{labels.offlineReady.replace('{time}', time.format(savedAt ?? SAMPLE_SAVED_AT))}</span>
        <span aria-hidden={savedAt ? true : undefined}>{labels.offlineNotReady}</span>
      </p>

      <div role="tablist" className={styles.tabs}>
        {(['scan', 'paste', 'ask'] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            aria-selected={mode === m}
            className={mode === m ? `${styles.tab} ${styles.tabOn}` : styles.tab}
            onClick={() => {
              if (m !== 'scan') stopCamera();
              setMode(m);
            }}
            data-testid={`tab-${m}`}
          >
            {labels.tabs[m]}
          </button>
        ))}
      </div>

      <div role="tabpanel" hidden={mode !== 'scan'} className={styles.panel}>
        <p>{labels.scan.hint}</p>
        <video ref={videoRef} className={styles.video} muted playsInline data-testid="camera" hidden={!cameraOn} />
        {cameraOn ? (
          <button type="button" className="button" onClick={stopCamera}>
            {labels.scan.stop}
          </button>
        ) : (
          <button type="button" className="button primary" onClick={startCamera} data-testid="start-camera">
            {labels.scan.start}
          </button>
        )}
        {cameraMessage ? <p role="status">{cameraMessage}</p> : null}
      </div>

      <form
        role="tabpanel"
        hidden={mode !== 'paste'}
        className={styles.panel}
        onSubmit={(e) => {
          e.preventDefault();
          if (pasted.trim()) return void check(pasted);
          setPasteEmpty(true);
          pasteBox.current?.focus();
        }}
      >
        <label htmlFor="token">{labels.paste.label}</label>
        {pasteEmpty ? (
          <p id="token-empty" className={styles.error} data-testid="paste-empty">
            {labels.paste.empty}
          </p>
        ) : null}
        <textarea
          id="token"
          ref={pasteBox}
          rows={5}
          value={pasted}
          onChange={(e) => {
            setPasted(e.target.value);
            if (e.target.value.trim()) setPasteEmpty(false);
          }}
          dir="ltr"
          spellCheck={false}
          aria-invalid={pasteEmpty || undefined}
          aria-describedby={pasteEmpty ? 'token-empty' : undefined}
          data-testid="paste-token"
        />
        <button type="submit" className="button primary" disabled={checking} data-testid="check-token">
          {checking ? labels.checking : labels.paste.check}
        </button>
      </form>

      <div role="tabpanel" hidden={mode !== 'ask'} className={styles.panel}>
        {ask.step === 'form' ? (
          <form
            className={styles.askForm}
            onSubmit={(e) => {
              e.preventDefault();
              void createRequest();
            }}
          >
            <p>{labels.ask.intro}</p>
            <label htmlFor="verifier-name">{labels.ask.name}</label>
            {askNameWrong ? (
              <p id="verifier-name-error" className={styles.error} data-testid="verifier-name-error">
                {labels.ask.nameRequired}
              </p>
            ) : null}
            <input
              id="verifier-name"
              ref={askNameRef}
              value={askName}
              onChange={(e) => setAskName(e.target.value)}
              maxLength={60}
              autoComplete="organization"
              aria-invalid={askNameWrong || undefined}
              aria-describedby={askNameWrong ? 'verifier-name-error' : undefined}
              data-testid="verifier-name-input"
            />
            <fieldset className={styles.askProfiles}>
              <legend>{labels.ask.profile}</legend>
              {(['age19', 'identity', 'full'] as const).map((p) => (
                <label key={p}>
                  <input type="radio" name="ask-profile" value={p} checked={askProfile === p} onChange={() => setAskProfile(p)} />{' '}
                  {labels.result.profiles[p]}
                </label>
              ))}
            </fieldset>
            <button type="submit" className="button primary" data-testid="create-request">
              {labels.ask.create}
            </button>
            {askError ? (
              <p className={styles.error} role="alert">
                {askError}
              </p>
            ) : null}
          </form>
        ) : ask.step === 'waiting' ? (
          <div className={styles.askWaiting} data-testid="request-waiting" data-request-id={ask.id}>
            <p>{labels.ask.scanHint}</p>
            <div className={styles.requestQr} role="img" aria-label={labels.ask.heading} dangerouslySetInnerHTML={{ __html: ask.svg }} />
            <p role="status">{labels.ask.waiting}</p>
            <p className="note">{labels.ask.endsAt.replace('{time}', time.format(ask.expiresAt))}</p>
          </div>
        ) : (
          <div className={styles.askDone} data-testid="request-done" data-state={ask.state}>
            <p className={styles.invalid}>{ask.state === 'declined' ? labels.ask.declined : labels.ask.expired}</p>
            <button type="button" className="button" onClick={() => setAsk({ step: 'form' })}>
              {labels.ask.again}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
