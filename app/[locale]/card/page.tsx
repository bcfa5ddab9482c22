// "My card": locked until the holder opens it with passkey + device key on
// this phone; then the card and the QR code of what they choose to show.
import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { isAppError } from '@/lib/errors';
import { dateTimeShapeOf, formatDate, formatTime, type Locale } from '@/lib/i18n';
import { getCardStatus, passkeyErrors } from '@/lib/passkeys';
import { getPresentationDeps, presentationErrors, showCard, type CardView } from '@/lib/presentation';
import { CARD_COOKIE } from '@/app/api/presentations/_lib/card-cookie';
import { pageNonce } from '@/app/_lib/nonce';
import { NO_CARD_MARK_SCRIPT } from '@/components/device-key';
import { UnlockPanel } from './_components/unlock-panel';
import { LockedNotice } from './_components/locked-notice';
import { ClosedNotice } from './_components/closed-notice';
import { Presenter, type ClosedWhy } from './_components/presenter';
import { ShownHistory } from './_components/shown-history';
import { CardFace } from './_components/card-face';
import { unlockErrorMessages } from './_lib/strings';
import styles from './card.module.css';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: PageProps<'/[locale]/card'>): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale as Locale, namespace: 'card' });
  return { title: t('title'), robots: { index: false } };
}

type Refusal = 'locked' | 'moved' | 'revoked' | 'expired' | null;

function refusalOf(error: unknown): Refusal {
  if (passkeyErrors.is(error, 'card_locked')) return 'locked';
  if (passkeyErrors.is(error, 'card_moved')) return 'moved';
  if (passkeyErrors.is(error, 'card_revoked')) return 'revoked';
  if (presentationErrors.is(error, 'card_expired')) return 'expired';
  return null;
}

/** Answers of the token endpoint after which the presenter reloads the page, which then shows why (or the unlock). */
const CARD_CLOSED_CODES = [
  presentationErrors.code('unlock_required'),
  passkeyErrors.code('card_locked'),
  passkeyErrors.code('card_moved'),
  passkeyErrors.code('card_revoked'),
];

/** The unlock's and the token endpoint's answer for each way the card can be closed for good on this phone. */
const CLOSED_CODES: Record<ClosedWhy, string> = {
  locked: passkeyErrors.code('card_locked'),
  moved: passkeyErrors.code('card_moved'),
  revoked: passkeyErrors.code('card_revoked'),
};

function closedNotices(locale: Locale): Record<ClosedWhy, React.ReactNode> {
  return {
    locked: <LockedNotice locale={locale} />,
    moved: <ClosedNotice locale={locale} why="moved" />,
    revoked: <ClosedNotice locale={locale} why="revoked" />,
  };
}

/** The parts of the page under the card: what it showed (on this phone only) and the verifier's page. */
async function CardMore({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: 'card' });
  return (
    <div className={styles.more}>
      <ShownHistory
        locale={locale}
        labels={{
          title: t('history.title'),
          intro: t('history.intro'),
          empty: t('history.empty'),
          asked: t('history.asked', { name: '{name}' }),
          notMe: t('history.notMe'),
          privacy: t('history.privacy'),
          profiles: { full: t('choose.full'), identity: t('choose.identity'), age19: t('choose.age19') },
          timeShape: dateTimeShapeOf(locale, { dateStyle: 'medium', timeStyle: 'short' }),
        }}
      />
      <p>
        <a href={`/${locale}/verify`} data-testid="verifier-link">
          {t('more.verifier')}
        </a>
      </p>
    </div>
  );
}

export default async function CardPage({ params }: PageProps<'/[locale]/card'>) {
  const { locale } = (await params) as { locale: Locale };
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: 'card' });
  const cardKey = (await cookies()).get(CARD_COOKIE)?.value;

  let view: CardView | null = null;
  let refusal: Refusal = null;
  if (cardKey) {
    try {
      view = await showCard(await getPresentationDeps(), cardKey);
      if (!view.cardValid) refusal = 'expired';
    } catch (error) {
      if (!isAppError(error)) throw error;
      refusal = refusalOf(error);
      // The open card was closed (a loss report ends its sessions): the card this phone holds says why.
      if (!refusal && presentationErrors.is(error, 'unlock_required')) refusal = await heldCardRefusal(cardKey);
    }
  }

  if (refusal === 'locked' || refusal === 'moved' || refusal === 'revoked') {
    return (
      <div className={styles.page}>
        <h1>{t('title')}</h1>
        {closedNotices(locale)[refusal]}
        <CardMore locale={locale} />
      </div>
    );
  }

  if (refusal) {
    return (
      <div className={styles.page}>
        <h1>{t('title')}</h1>
        <div className={styles.refusal} role="alert" data-refusal={refusal}>
          <p>{t(`status.${refusal}`)}</p>
        </div>
        <CardMore locale={locale} />
      </div>
    );
  }

  if (!view) {
    return (
      <div className={styles.page}>
        <h1>{t('title')}</h1>
        <p className="lead">{t('intro')}</p>
        <script nonce={await pageNonce()} dangerouslySetInnerHTML={{ __html: NO_CARD_MARK_SCRIPT }} />
        <UnlockPanel
          locale={locale}
          labels={{
            heading: t('unlock.heading'),
            body: t('unlock.body'),
            button: t('unlock.button'),
            working: t('unlock.working'),
            noCard: t('unlock.noCard'),
            getCard: t('unlock.getCard'),
          }}
          errors={await unlockErrorMessages(locale)}
          notices={closedNotices(locale)}
          closedCodes={CLOSED_CODES}
        />
        <CardMore locale={locale} />
      </div>
    );
  }

  const { holder } = view;
  const validUntil = formatDate(locale, `${holder.validUntil}T12:00:00+09:00`);
  const claimLabels = {
    name: t('claims.name'),
    nationality: t('claims.nationality'),
    residenceStatus: t('claims.residenceStatus'),
    birthDate: t('claims.birthDate'),
    registrationNumber: t('claims.registrationNumber'),
    validUntil: t('claims.validUntil'),
    age19: t('claims.age19'),
  };
  return (
    <div className={styles.page}>
      <h1 className={styles.openTitle}>{t('title')}</h1>
      <Presenter
        locale={locale}
        openUntil={view.expiresAt.toISOString()}
        labels={{
          chooseHeading: t('choose.heading'),
          profiles: {
            full: { title: t('choose.full'), help: t('choose.fullHelp') },
            identity: { title: t('choose.identity'), help: t('choose.identityHelp') },
            age19: { title: t('choose.age19'), help: t('choose.age19Help') },
          },
          qrHeading: t('qr.heading'),
          qrAlt: t('qr.alt'),
          validFor: t('qr.validFor', { time: '{time}' }),
          refreshing: t('qr.refreshing'),
          newCode: t('qr.newCode'),
          brightness: t('qr.brightness'),
          live: t('qr.live'),
          clock: t('qr.clock'),
          sees: t('qr.sees'),
          failed: t('qr.failed'),
          lockNow: t('lockNow'),
          openUntil: t('openUntil', { time: '{time}' }),
          openUntilTime: formatTime(locale, view.expiresAt),
          clockShape: dateTimeShapeOf(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' }),
        }}
        claimLabels={claimLabels}
        unlockErrors={await unlockErrorMessages(locale)}
        cardClosedCodes={CARD_CLOSED_CODES}
        closedCodes={CLOSED_CODES}
        notices={closedNotices(locale)}
      >
        <CardFace
          label={t('face.label')}
          rows={[
            { label: claimLabels.name, value: holder.name, id: 'name' },
            { label: claimLabels.nationality, value: countryName(locale, holder.nationality), id: 'nationality' },
            { label: claimLabels.residenceStatus, value: holder.residenceStatus, id: 'residenceStatus' },
            { label: claimLabels.validUntil, value: validUntil, id: 'validUntil' },
          ]}
        />
        <section className="panel" aria-labelledby="reminder-heading">
          <h2 id="reminder-heading" className={styles.small}>
            {t('reminder.title')}
          </h2>
          <p>{t('reminder.note', { date: validUntil })}</p>
          <a className="button" href={`/${locale}/card/reminder.ics`} download data-testid="expiry-reminder">
            {t('reminder.link')}
          </a>
        </section>
        <CardMore locale={locale} />
      </Presenter>
    </div>
  );
}

/** Why the card this phone's cookie names cannot open (locked, moved, revoked), or null while it is active. */
async function heldCardRefusal(cardKey: string): Promise<Refusal> {
  const credentialId = cardKey.slice(cardKey.indexOf('.') + 1);
  if (!cardKey.includes('.') || !credentialId) return null;
  const { status } = await getCardStatus((await getPresentationDeps()).db, credentialId);
  return status === 'locked' || status === 'moved' || status === 'revoked' ? status : null;
}

function countryName(locale: Locale, code: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
