'use client';
// Reads the page's main content aloud with the browser's own speech
// synthesis. The button exists only when the browser has a voice for the
// page's language (the voice list often arrives late: voiceschanged);
// otherwise nothing is rendered at all — no disabled button, no promise.
import { useEffect, useRef, useState } from 'react';

type Props = {
  /** The page's language (its <html lang>), e.g. "vi" or "zh-CN". */
  lang: string;
  /** The id of the element whose text is read. */
  targetId: string;
  readLabel: string;
  stopLabel: string;
};

const BLOCKS = 'h1,h2,h3,h4,h5,p,li,dt,dd,figcaption,summary,th,td';

/** Language tags that name the same language (Filipino voices say "fil"). */
const SAME_LANGUAGE: Record<string, string> = { tl: 'fil', fil: 'tl' };

function primary(tag: string): string {
  return tag.toLowerCase().replace('_', '-').split('-')[0] ?? '';
}

/** The best voice for a page language: the same tag, else the same language. */
export function matchVoice(voices: readonly SpeechSynthesisVoice[], lang: string): SpeechSynthesisVoice | null {
  const wanted = lang.toLowerCase();
  const languages = new Set([primary(lang), SAME_LANGUAGE[primary(lang)]].filter(Boolean));
  const tagOf = (v: SpeechSynthesisVoice) => (v.lang ?? '').toLowerCase().replace('_', '-');
  return (
    voices.find((v) => tagOf(v) === wanted) ??
    voices.find((v) => languages.has(primary(tagOf(v))) && v.localService) ??
    voices.find((v) => languages.has(primary(tagOf(v)))) ??
    null
  );
}

/** The text of the target as reading pieces: one per heading, paragraph or list item. */
function piecesOf(target: HTMLElement): string[] {
  const blocks = Array.from(target.querySelectorAll<HTMLElement>(BLOCKS));
  return blocks
    .filter((el) => !el.querySelector(BLOCKS) && !el.closest('[data-no-read],[hidden],[aria-hidden="true"]'))
    .map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

export function ReadAloud({ lang, targetId, readLabel, stopLabel }: Props) {
  const [voice, setVoice] = useState<SpeechSynthesisVoice | null>(null);
  const [speaking, setSpeaking] = useState(false);
  const stopRef = useRef<HTMLButtonElement>(null);
  const readRef = useRef<HTMLButtonElement>(null);
  const focusNext = useRef<'stop' | 'read' | null>(null);

  useEffect(() => {
    const synth = typeof window !== 'undefined' ? window.speechSynthesis : undefined;
    if (!synth || typeof window.SpeechSynthesisUtterance !== 'function') return;
    const pick = () => setVoice(matchVoice(synth.getVoices(), lang));
    pick();
    synth.addEventListener('voiceschanged', pick);
    return () => {
      synth.removeEventListener('voiceschanged', pick);
      synth.cancel();
    };
  }, [lang]);

  useEffect(() => {
    if (focusNext.current === 'stop') stopRef.current?.focus();
    if (focusNext.current === 'read') readRef.current?.focus();
    focusNext.current = null;
  }, [speaking]);

  if (!voice) return null;

  const stop = () => {
    window.speechSynthesis.cancel();
    focusNext.current = 'read';
    setSpeaking(false);
  };

  const read = () => {
    const target = document.getElementById(targetId);
    if (!target) return;
    const synth = window.speechSynthesis;
    synth.cancel();
    const pieces = piecesOf(target);
    if (pieces.length === 0) return;
    // One utterance per piece: some engines stop long texts part-way.
    pieces.forEach((text, i) => {
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = voice.lang || lang;
      try {
        utterance.voice = voice;
      } catch {
        // Some engines list voices they will not take back: the language still picks one.
      }
      if (i === pieces.length - 1) {
        utterance.onend = () => setSpeaking(false);
        utterance.onerror = () => setSpeaking(false);
      }
      synth.speak(utterance);
    });
    focusNext.current = 'stop';
    setSpeaking(true);
  };

  return (
    <div className="read-aloud" data-no-read>
      {speaking ? (
        <button type="button" className="button" onClick={stop} ref={stopRef}>
          <svg aria-hidden="true" width="20" height="20" viewBox="0 0 20 20">
            <rect x="4" y="4" width="12" height="12" rx="2" fill="currentColor" />
          </svg>
          {stopLabel}
        </button>
      ) : (
        <button type="button" className="button" onClick={read} ref={readRef}>
          <svg aria-hidden="true" width="20" height="20" viewBox="0 0 20 20">
            <path d="M3 7.5h3.5L11 3.5v13l-4.5-4H3z" fill="currentColor" />
            <path d="M13.5 7a4 4 0 0 1 0 6M15.5 4.5a7.5 7.5 0 0 1 0 11" stroke="currentColor" strokeWidth="1.8" fill="none" strokeLinecap="round" />
          </svg>
          {readLabel}
        </button>
      )}
    </div>
  );
}
