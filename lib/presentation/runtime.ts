// The process's presentation dependencies, made once on top of the app
// context and kept on globalThis (route chunks share them, as they share
// the database handle).
import { getAppContext } from '@/lib/context';
import { createPresentationDeps, type PresentationDeps } from './deps';

const KEY = Symbol.for('arc-mobile.presentation.runtime');
type Holder = { [KEY]?: Promise<PresentationDeps> };

export function getPresentationDeps(): Promise<PresentationDeps> {
  const holder = globalThis as Holder;
  holder[KEY] ??= (async () => {
    const ctx = await getAppContext();
    return createPresentationDeps({ db: ctx.db, clock: ctx.clock, keys: ctx.keys, config: ctx.config });
  })().catch((error) => {
    delete holder[KEY];
    throw error;
  });
  return holder[KEY];
}
