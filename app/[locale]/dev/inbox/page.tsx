import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { pageAppContext } from '@/app/_lib/page-context';
import { dateTimeFormat, type Locale } from '@/lib/i18n';
import { listSimulatedSms } from '@/lib/sms';
import styles from '../../enroll/enroll.module.css';

export const dynamic = 'force-dynamic';

type T = (key: string, values?: Record<string, string | number>) => string;

export async function generateMetadata({ params }: PageProps<'/[locale]/dev/inbox'>): Promise<Metadata> {
  const t = (await getTranslations({ locale: (await params).locale as Locale, namespace: 'devInbox' })) as unknown as T;
  return { title: t('title'), robots: { index: false } };
}

/** THE SMS SIMULATOR'S INBOX: what would have been texted to residents. The demo only. */
export default async function DevInboxPage({ params }: PageProps<'/[locale]/dev/inbox'>) {
  const locale = (await params).locale as Locale;
  setRequestLocale(locale);
  const { db, demo } = await pageAppContext();
  if (!demo) notFound();
  const t = (await getTranslations({ locale, namespace: 'devInbox' })) as unknown as T;
  const messages = await listSimulatedSms(db, 30);
  // The month by name, the year in full: "२६/१२/२" could be any of three days.
  const time = dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
  return (
    <>
      <p className={styles.devBanner}>{t('banner')}</p>
      <h1>{t('title')}</h1>
      <p>{t('warning')}</p>
      <p>
        <a href={`/${locale}/dev/inbox`}>{t('refresh')}</a>
      </p>
      {messages.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <table className={styles.inbox} data-testid="sms-inbox">
          <thead>
            <tr>
              <th scope="col">{t('at')}</th>
              <th scope="col">{t('to')}</th>
              <th scope="col">{t('message')}</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr key={m.id} data-testid="sms-row">
                <td>{time.format(m.at)}</td>
                <td dir="ltr" data-testid="sms-to">
                  {m.toMasked}
                </td>
                <td data-testid="sms-body">{m.body}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
