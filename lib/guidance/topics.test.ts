import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAQ_COUNT, guideOfflinePaths, officeIds, topicSlugs, topics, type Block, type LinkTarget } from './topics';
import { isOfflinePage } from './offline-pages';

type Messages = { [key: string]: string | Messages };
const en = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'messages', 'en.json'), 'utf8')) as Messages;
function message(key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Messages | undefined)?.[part], en);
}

function keysOf(slug: string, block: Block, steps = 0): string[] {
  const k = (key: string) => `guide.topics.${slug}.${key}`;
  switch (block.kind) {
    case 'p':
    case 'h':
    case 'note':
    case 'bring':
    case 'cta':
      return [k(block.key)];
    case 'list':
    case 'options':
      return block.keys.map(k);
    case 'links':
      return block.items.map((i) => k(i.key));
    case 'cards':
      return ['chip', 'legacy'].flatMap((c) => ['name', 'alt', 'caption', 'lookFor'].map((f) => `guide.cards.${c}.${f}`));
    case 'steps':
      return Array.from({ length: steps }, (_, i) => [k(`step${i + 1}`), k(`stepTitles.s${i + 1}`)]).flat();
    case 'offices':
      return officeIds.flatMap((id) => ['name', 'address', 'phone', 'hours'].map((f) => `guide.offices.${id}.${f}`));
    case 'faq':
      return Array.from({ length: FAQ_COUNT }, (_, i) => [`guide.faq.q${i + 1}.q`, `guide.faq.q${i + 1}.a`]).flat();
  }
}

describe('guide topics', () => {
  it('renders every English message of each topic, and only messages that exist', () => {
    for (const slug of topicSlugs) {
      const topic = topics[slug];
      const used = topic.body.flatMap((block) => keysOf(slug, block, topic.steps));
      for (const key of [...used, `guide.topics.${slug}.title`, `guide.topics.${slug}.summary`, `guide.topics.${slug}.next`]) {
        expect(typeof message(key), key).toBe('string');
      }
      // Every text key of the topic is shown somewhere (stepTitles are used by the step indicator).
      const written = Object.keys(message(`guide.topics.${slug}`) as Messages).filter((k) => k !== 'stepTitles');
      const shown = new Set([...used.map((key) => key.split('.').slice(3).join('.')), 'title', 'summary', 'next']);
      expect(written.filter((k) => !shown.has(k)), slug).toEqual([]);
    }
  });

  it('has as many FAQ entries and offices as the messages hold', () => {
    expect(Object.keys(message('guide.faq') as Messages)).toHaveLength(FAQ_COUNT);
    expect(Object.keys(message('guide.offices') as Messages).sort()).toEqual([...officeIds].sort());
  });

  it('links every topic onward, and reaches every topic from the first by following the next question and topic links', () => {
    const targets = (slug: (typeof topicSlugs)[number]): LinkTarget[] => [
      topics[slug].next,
      ...topics[slug].body.flatMap((b) => (b.kind === 'links' ? b.items.map((i) => i.to) : b.kind === 'cta' ? [b.to] : [])),
    ];
    const seen = new Set<string>([topicSlugs[0]]);
    const queue: (typeof topicSlugs)[number][] = [topicSlugs[0]];
    while (queue.length) {
      for (const to of targets(queue.shift()!)) {
        if ('topic' in to && !seen.has(to.topic)) {
          seen.add(to.topic);
          queue.push(to.topic);
        }
      }
    }
    expect([...seen].sort()).toEqual([...topicSlugs].sort());
  });

  it('keeps every guide page and the checker for offline reading, in every locale', () => {
    for (const p of ['/guide', ...topicSlugs.map((s) => `/guide/${s}`), '/eligibility']) {
      expect(guideOfflinePaths).toContain(p);
      expect(isOfflinePage(`/km${p}`)).toBe(true);
    }
    expect(isOfflinePage('/km/enroll')).toBe(false);
  });
});
