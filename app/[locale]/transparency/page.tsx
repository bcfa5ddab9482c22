// The audit log's public face: what the log is, its latest signed
// checkpoint (entries, head hash, time in Korea, key), what that proves,
// how anyone can check it, and what the log never holds. Server-rendered,
// no script needed; read from the database on every request.
import { Fragment, type ReactNode } from 'react';
import type { Metadata } from 'next';
import { hasLocale } from 'next-intl';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { routing } from '@/i18n/routing';
import { transparencyView } from '@/lib/audit';
import { pageAppContext } from '@/app/_lib/page-context';
import { formatDateTime, formatNumber, type Locale } from '@/lib/i18n';
import styles from './transparency.module.css';

export const dynamic = 'force-dynamic';

/** Where the checkpoint and keys are published, and the auditors' command: shown as they are typed. */
const CHECKPOINT_PATH = '/api/audit/checkpoint';
const VERIFY_COMMAND = 'npm run audit:verify';

type Translate = ((key: string, values?: Record<string, string | number>) => string) & { has(key: string): boolean };
/** next-intl's translator for a namespace named at run time (the i18n test checks every key exists). */
const translations = getTranslations as unknown as (options: { locale: Locale; namespace: string }) => Promise<Translate>;

const MARK = '\uE003';

/** A message with one value (an address, a command) kept left to right where its {placeholder} was. */
function withLtr(format: (mark: string) => string, value: ReactNode): ReactNode {
  return format(MARK)
    .split(MARK)
    .map((part, i) => (
      <Fragment key={i}>
        {i > 0 ? <bdi dir="ltr">{value}</bdi> : null}
        {part}
      </Fragment>
    ));
}

/** 64 hex digits in groups of 8, so the eye can compare them and the line breaks between groups. */
function groups(hex: string): string {
  return hex.match(/.{1,8}/g)?.join(' ') ?? hex;
}

export async function generateMetadata({ params }: PageProps<'/[locale]/transparency'>): Promise<Metadata> {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) return {};
  const t = await translations({ locale, namespace: 'transparency' });
  return { title: t('title'), description: t('lead') };
}

export default async function TransparencyPage({ params }: PageProps<'/[locale]/transparency'>) {
  const { locale } = (await params) as { locale: Locale };
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const t = await translations({ locale, namespace: 'transparency' });
  const app = await pageAppContext();
  const { checkpoint, entries } = await transparencyView(app.db);
  const since = checkpoint ? entries - checkpoint.size : 0;

  return (
    <>
      <h1>{t('title')}</h1>
      <p className="lead">{t('lead')}</p>

      <section aria-labelledby="what-heading">
        <h2 id="what-heading">{t('whatTitle')}</h2>
        <p>{t('what')}</p>
        <p>{t('fingerprint')}</p>
      </section>

      <section aria-labelledby="checkpoint-heading" className={styles.checkpoint}>
        <h2 id="checkpoint-heading">{t('latestTitle')}</h2>
        <p>{t('latestIntro')}</p>
        {checkpoint ? (
          <>
            <dl className={styles.facts} data-testid="checkpoint" data-size={checkpoint.size} data-head={checkpoint.head}>
              <div>
                <dt>{t('entries')}</dt>
                <dd className={styles.count} data-testid="checkpoint-size">
                  {formatNumber(locale, checkpoint.size)}
                </dd>
              </div>
              <div>
                <dt>{t('head')}</dt>
                <dd>
                  <code className={styles.hash} dir="ltr" translate="no" data-testid="checkpoint-head">
                    <bdi dir="ltr">{groups(checkpoint.head)}</bdi>
                  </code>
                </dd>
              </div>
              <div>
                <dt>{t('signedAt')}</dt>
                <dd>
                  <time dateTime={checkpoint.at.toISOString()}>{formatDateTime(locale, checkpoint.at, 'long')}</time>
                </dd>
              </div>
              <div>
                <dt>{t('key')}</dt>
                <dd>
                  <code className={styles.key} dir="ltr" translate="no">
                    <bdi dir="ltr">{checkpoint.keyId}</bdi>
                  </code>
                </dd>
              </div>
            </dl>
            <p className={checkpoint.signatureValid ? styles.valid : styles.invalid} data-testid="checkpoint-signature">
              {checkpoint.signatureValid ? t('signatureValid') : t('signatureInvalid')}
            </p>
            {since > 0 ? <p className="note">{t('since', { count: since })}</p> : null}
          </>
        ) : (
          <p className="panel" data-testid="no-checkpoint">
            {t('noCheckpoint')}
          </p>
        )}
      </section>

      <section aria-labelledby="proves-heading">
        <h2 id="proves-heading">{t('provesTitle')}</h2>
        <p>{t('proves')}</p>
        <p>{t('provesNot')}</p>
      </section>

      <section aria-labelledby="check-heading">
        <h2 id="check-heading">{t('checkTitle')}</h2>
        <p>{t('checkKeep')}</p>
        <p>
          {withLtr(
            (mark) => t('checkEndpoint', { address: mark }),
            <a href={CHECKPOINT_PATH} className={styles.address}>
              {CHECKPOINT_PATH}
            </a>,
          )}
        </p>
        <p>{withLtr((mark) => t('checkCommand', { command: mark }), <code className={styles.command} translate="no">{VERIFY_COMMAND}</code>)}</p>
      </section>

      <section aria-labelledby="not-heading">
        <h2 id="not-heading">{t('notTitle')}</h2>
        <p className="panel">{t('not')}</p>
      </section>

      <p>
        <a className={styles.more} href={`/${locale}/guide/security-privacy`}>
          {t('more')}
        </a>
      </p>
    </>
  );
}
