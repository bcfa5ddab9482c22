#!/usr/bin/env node
// Writes one namespace of messages into every locale file at once, under a
// lock, so that several people (or helpers) can add strings side by side.
//
//   node scripts/messages.mjs set <namespace> <file.json>   (namespace may be dotted: errors.enrollment)
//     file.json: { "<locale>": { ...the namespace's keys... }, ... } for some or all locales
//   node scripts/messages.mjs check
//     lists missing/extra keys per locale against en.json
import fs from 'node:fs';
import path from 'node:path';

const dir = path.join(import.meta.dirname, '..', 'messages');
const lockDir = path.join(dir, '.lock');

function withLock(fn) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`messages are locked (${lockDir}); remove it if stale`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmdirSync(lockDir);
  }
}

function sortKeys(value) {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
}

const [command, namespace, file] = process.argv.slice(2);
if (command === 'set') {
  const byLocale = JSON.parse(fs.readFileSync(file, 'utf8'));
  withLock(() => {
    for (const [locale, messages] of Object.entries(byLocale)) {
      const target = path.join(dir, `${locale}.json`);
      const current = fs.existsSync(target) ? JSON.parse(fs.readFileSync(target, 'utf8')) : {};
      // A dotted namespace ("errors.enrollment") sets a nested object.
      const parts = namespace.split('.');
      let node = current;
      for (const part of parts.slice(0, -1)) node = node[part] ??= {};
      node[parts.at(-1)] = messages;
      const tmp = `${target}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(sortKeys(current), null, 2) + '\n');
      fs.renameSync(tmp, target);
    }
  });
  console.log(`set ${namespace} in ${Object.keys(byLocale).length} locales`);
} else if (command === 'check') {
  const flat = (o, p = '') => Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? flat(v, `${p}${k}.`) : [`${p}${k}`]));
  const en = new Set(flat(JSON.parse(fs.readFileSync(path.join(dir, 'en.json'), 'utf8'))));
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const keys = new Set(flat(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))));
    const missing = [...en].filter((k) => !keys.has(k));
    const extra = [...keys].filter((k) => !en.has(k));
    if (missing.length || extra.length) console.log(`${f}: missing ${missing.length} ${missing.slice(0, 3)} extra ${extra.length} ${extra.slice(0, 3)}`);
  }
} else {
  console.error('usage: messages.mjs set <namespace> <file.json> | check');
  process.exit(2);
}
