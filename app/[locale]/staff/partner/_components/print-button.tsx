'use client';
// Opens the browser's print dialogue. Needs scripts: disabled until hydrated;
// without scripts the page says to use the browser's own print command.
import { useEffect, useState } from 'react';

export function PrintButton({ label }: { label: string }) {
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  return (
    <button type="button" className="button primary" disabled={!ready} onClick={() => window.print()}>
      {label}
    </button>
  );
}
