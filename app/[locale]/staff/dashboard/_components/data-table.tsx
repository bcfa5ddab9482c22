// One dashboard table: a caption, column and row headers, "<10" for a
// hidden count (read out as "fewer than 10"), in a scroll box a keyboard
// can reach and scroll, with its CSV download under it.
import type { PresentedCell, PresentedTable } from '../_lib/present';
import styles from '../dashboard.module.css';

export type TableTexts = { fewer: string; notShown: string; suppressedNote: string; csv: string; total: string };

function Cell({ cell, texts }: { cell: PresentedCell; texts: TableTexts }) {
  if (cell.suppressed) {
    return (
      <td className={styles.hidden}>
        <span aria-hidden="true">
          <bdi dir="ltr">{cell.text}</bdi>
        </span>
        <span className={styles.sr}>{texts.fewer}</span>
      </td>
    );
  }
  if (cell.missing) {
    return (
      <td className={styles.hidden}>
        <span aria-hidden="true">—</span>
        <span className={styles.sr}>{texts.notShown}</span>
      </td>
    );
  }
  return <td>{cell.text}</td>;
}

function RowHeader({ label, code }: { label: string; code: boolean }) {
  return <th scope="row">{code ? <bdi dir="ltr">{label}</bdi> : label}</th>;
}

export function DataTable({ table, csvHref, texts }: { table: PresentedTable; csvHref: string; texts: TableTexts }) {
  const captionId = `${table.id}-caption`;
  return (
    <div>
      <div className={styles.scroll} role="region" aria-labelledby={captionId} tabIndex={0} data-testid={`region-${table.id}`}>
        <table className={styles.table} data-testid={`table-${table.id}`}>
          <caption id={captionId}>{table.caption}</caption>
          <thead>
            <tr>
              {table.headers.map((h, i) => (
                <th key={i} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr key={row.key} data-key={row.key}>
                <RowHeader label={row.label} code={row.code} />
                {row.cells.map((cell, i) => (
                  <Cell key={i} cell={cell} texts={texts} />
                ))}
              </tr>
            ))}
          </tbody>
          {table.total ? (
            <tfoot>
              <tr data-key="total">
                <th scope="row">{texts.total}</th>
                {table.total.cells.map((cell, i) => (
                  <Cell key={i} cell={cell} texts={texts} />
                ))}
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
      {table.suppressed ? <p className={styles.note}>{texts.suppressedNote}</p> : null}
      <a className={styles.csv} href={csvHref} download data-testid={`csv-${table.id}`}>
        {texts.csv}
        <span className={styles.sr}> — {table.caption}</span>
      </a>
    </div>
  );
}
