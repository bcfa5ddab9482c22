'use client';
// A box that takes the focus when it appears — an error summary, a refusal —
// so a screen reader reads it and the next Tab goes to its links. Without
// scripts the browser does it at page load (the autofocus attribute, kept in
// the server's HTML); with scripts React does not act on autoFocus for a
// <div>, and a form's answer or a soft navigation puts it on the page without
// a load: this focuses it itself. Give it a new `key` for every answer, so a
// second error in a row moves the focus again.
import { useEffect, useRef, type HTMLAttributes } from 'react';

export function FocusOnArrival(props: Omit<HTMLAttributes<HTMLDivElement>, 'tabIndex' | 'autoFocus'>) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return <div {...props} ref={ref} tabIndex={-1} autoFocus />;
}
