// A translated sentence with data in it (a person's or an organisation's
// name): the data parts are marked translate="no" and isolated (<bdi>), so
// a browser's translation leaves the name alone and a Latin name in a
// right-to-left sentence keeps its order.
import { Fragment } from 'react';

export function WithData({ text, data }: { text: string; data: readonly string[] }) {
  const names = data.filter((d) => d.length > 0);
  if (names.length === 0) return <>{text}</>;
  const pattern = new RegExp(`(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'g');
  return (
    <>
      {text.split(pattern).map((part, i) =>
        names.includes(part) ? (
          <bdi key={i} translate="no">
            {part}
          </bdi>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}
