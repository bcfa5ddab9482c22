// For a response whose body the server holds back to rewrite it (scripts/
// not-found-shell.ts, scripts/api-answers.ts): a write is taken as a socket
// would take it, its callback called on the next tick.
export function heldWrite(encoding: unknown, callback: unknown): true {
  const done = typeof encoding === 'function' ? encoding : callback;
  if (typeof done === 'function') process.nextTick(done as () => void);
  return true;
}
