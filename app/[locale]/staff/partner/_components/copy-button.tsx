'use client';
// Copies the short link. Needs scripts: disabled until hydrated (a tap
// before then would be lost); the link itself is on the page to select.
import { useEffect, useState } from 'react';
import styles from '../partner.module.css';

export function CopyButton({ text, label, done }: { text: string; label: string; done: string }) {
  const [ready, setReady] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setReady(true), []);
  return (
    <>
      <button
        type="button"
        className="button"
        disabled={!ready}
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(text);
            setCopied(true);
          } catch {
            setCopied(false);
          }
        }}
      >
        {label}
      </button>
      <span role="status" className={styles.ok}>
        {copied ? done : ''}
      </span>
    </>
  );
}
