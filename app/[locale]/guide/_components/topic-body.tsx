// A topic's body, block by block in the order lib/guidance/topics.ts gives.
import { CardDrawings } from '@/components/card-drawings';
import { FAQ_COUNT, hrefOf, officeIds, type Block, type Topic } from '@/lib/guidance';
import { PhoneLink, Rich, type GuideText } from './guide-text';
import { Steps } from './steps';

export function cardTexts(g: GuideText) {
  const card = (kind: 'chip' | 'legacy') => ({
    name: g.plain(`cards.${kind}.name`),
    alt: g.plain(`cards.${kind}.alt`),
    caption: g.plain(`cards.${kind}.caption`),
    lookFor: g.plain(`cards.${kind}.lookFor`),
  });
  return { chip: card('chip'), legacy: card('legacy') };
}

function BlockView({ block, topic, g }: { block: Block; topic: Topic; g: GuideText }) {
  const key = (k: string) => `topics.${topic.slug}.${k}`;
  switch (block.kind) {
    case 'p':
      return (
        <p>
          <Rich text={g.rich(key(block.key))} />
        </p>
      );
    case 'h':
      return (
        <h2 id={`${topic.slug}-${block.key}`}>
          <Rich text={g.rich(key(block.key))} />
        </h2>
      );
    case 'list': {
      const List = block.ordered ? 'ol' : 'ul';
      return (
        <List className={block.ordered ? 'numbered' : 'bullets'}>
          {block.keys.map((k) => (
            <li key={k}>
              <Rich text={g.rich(key(k))} />
            </li>
          ))}
        </List>
      );
    }
    case 'options':
      return (
        <div className="options">
          {block.keys.map((k) => (
            <p key={k} className="panel option">
              <Rich text={g.rich(key(k))} />
            </p>
          ))}
        </div>
      );
    case 'bring':
      return (
        <p className="panel bring">
          <Rich text={g.rich(key(block.key))} />
        </p>
      );
    case 'note':
      return <p className="note demo-note-inline">{g.plain(key(block.key))}</p>;
    case 'cards': {
      const { chip, legacy } = cardTexts(g);
      return (
        <section aria-labelledby="cards-heading" className="cards-section">
          <h2 id="cards-heading">{g.plain('cards.title')}</h2>
          <CardDrawings chip={chip} legacy={legacy} />
          <p className="note">{g.plain('cards.notSure')}</p>
        </section>
      );
    }
    case 'steps':
      return <Steps g={g} slug={topic.slug} total={topic.steps ?? 0} />;
    case 'cta':
      return (
        <p className="cta">
          <a className={block.primary ? 'button primary' : 'button'} href={hrefOf(g.locale, block.to)}>
            {g.plain(key(block.key))}
          </a>
        </p>
      );
    case 'links':
      return (
        <ul className="actions">
          {block.items.map((item) => (
            <li key={item.key}>
              <a className="button" href={hrefOf(g.locale, item.to)}>
                {g.plain(key(item.key))}
              </a>
            </li>
          ))}
        </ul>
      );
    case 'offices':
      return (
        <ul className="offices" id="offices">
          {officeIds.map((id) => {
            const phone = g.plain(`offices.${id}.phone`);
            return (
              <li key={id} className="office">
                <h3>{g.plain(`offices.${id}.name`)}</h3>
                <dl>
                  <dt>{g.plain('common.officeAddress')}</dt>
                  <dd translate="no">{g.plain(`offices.${id}.address`)}</dd>
                  <dt>{g.plain('common.officePhone')}</dt>
                  <dd>
                    <PhoneLink number={phone} />
                  </dd>
                  <dt>{g.plain('common.officeHours')}</dt>
                  <dd>{g.plain(`offices.${id}.hours`)}</dd>
                </dl>
              </li>
            );
          })}
        </ul>
      );
    case 'faq':
      return (
        <div className="faq">
          {Array.from({ length: FAQ_COUNT }, (_, i) => i + 1).map((n) => (
            <section key={n} id={`q${n}`} aria-labelledby={`q${n}-heading`}>
              <h2 id={`q${n}-heading`}>
                <Rich text={g.rich(`faq.q${n}.q`)} />
              </h2>
              <p>
                <Rich text={g.rich(`faq.q${n}.a`)} />
              </p>
            </section>
          ))}
        </div>
      );
  }
}

export function TopicBody({ topic, g }: { topic: Topic; g: GuideText }) {
  return (
    <>
      {topic.body.map((block, i) => (
        <BlockView key={i} block={block} topic={topic} g={g} />
      ))}
    </>
  );
}
