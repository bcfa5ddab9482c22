// The chosen time and the form that books it (registration number, card
// number, birth date). A time that filled up or closed before the form was
// sent is said at once, with the next free times offered in its place.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { messageForCode } from '@/app/_lib/error-message';
import { seoulDay } from '@/lib/clock';
import { pageAppContext } from '@/app/_lib/page-context';
import { datePartOrder, leftToRight, type Locale } from '@/lib/i18n';
import { alternativesFor, bookingErrors, getSlot } from '@/lib/proofing';
import type { BookState } from '../../actions';
import { BookForm, type BookFormLabels } from '../../_components/book-form';
import { SlotDetails } from '../../_components/slot-card';
import { IDENTITY_EXAMPLES, slotText, slotTexts } from '../../_lib/display';
import styles from '../../booking.module.css';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: PageProps<'/[locale]/booking/slots/[slotId]'>): Promise<Metadata> {
  const locale = (await params).locale as Locale;
  const t = await getTranslations({ locale, namespace: 'booking.book' });
  return { title: t('title'), robots: { index: false, follow: false } };
}

export default async function BookSlotPage({ params }: PageProps<'/[locale]/booking/slots/[slotId]'>) {
  const { locale: raw, slotId } = await params;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const { db, clock } = await pageAppContext();
  const slot = await getSlot(db, slotId);
  if (!slot) notFound();
  const t = await getTranslations({ locale, namespace: 'booking' });
  const tErrors = await getTranslations({ locale, namespace: 'errors' });
  const now = clock.now();

  let initial: BookState = {};
  const closed = slot.cancelled || slot.startsAt <= now;
  if (closed || slot.free === 0) {
    const code = bookingErrors.code(closed ? 'slot_closed' : 'slot_full');
    initial = {
      error: { code, message: await messageForCode(locale, code) },
      alternatives: await slotTexts(locale, await alternativesFor(db, clock, { slotId: slot.id, language: locale, limit: 3 })),
      alternativesBecause: closed ? 'closed' : 'taken',
    };
  }
  const slotLabels = { languages: t('slot.languages'), interpreter: t('slot.interpreter'), koreaTime: t('koreaTime') };
  const labels: BookFormLabels = {
    registrationNumber: t('book.registrationNumber'),
    registrationNumberHint: t('book.registrationNumberHint', { example: leftToRight(locale, IDENTITY_EXAMPLES.registrationNumber) }),
    cardSerial: t('book.cardSerial'),
    cardSerialHint: t('book.cardSerialHint', { example: leftToRight(locale, IDENTITY_EXAMPLES.cardSerial) }),
    birthDate: t('book.birthDate'),
    birthDateHint: t('book.birthDateHint'),
    dateParts: { day: t('book.day'), month: t('book.month'), year: t('book.year') },
    datePartOrder: datePartOrder(locale),
    privacy: t('book.privacy'),
    submit: t('book.submit'),
    submitting: t('book.submitting'),
    summaryTitle: t('book.summaryTitle'),
    fieldErrors: {
      registrationNumber: t('book.fieldErrors.registrationNumber', { example: leftToRight(locale, IDENTITY_EXAMPLES.registrationNumber) }),
      cardSerial: t('book.fieldErrors.cardSerial', { example: leftToRight(locale, IDENTITY_EXAMPLES.cardSerial) }),
      // The date's boxes: the same words as the enrollment and loss forms.
      birthDateMissing: tErrors('loss.birth_date_missing'),
      birthDate: tErrors('loss.birth_date_invalid'),
      birthDateMismatch: t('book.fieldErrors.birthDateMismatch'),
    },
    takenTitle: t('book.takenTitle'),
    takenBody: t('book.takenBody'),
    alternativesLegend: t('book.alternativesLegend'),
    noAlternatives: t('book.noAlternatives'),
    slot: slotLabels,
  };

  return (
    <>
      <h1>{t('book.title')}</h1>
      {closed || slot.free === 0 ? null : (
        <section aria-labelledby="chosen-heading" className={styles.slot} data-testid="chosen-slot">
          <h2 id="chosen-heading" className={styles.day}>
            {t('book.chosen')}
          </h2>
          <SlotDetails slot={await slotText(locale, slot)} labels={slotLabels} showDay />
        </section>
      )}
      <p className="lead">{t('book.intro')}</p>
      <BookForm locale={locale} slotId={slot.id} today={seoulDay(now)} labels={labels} initial={initial} />
      <ul className={styles.inlineLinks}>
        <li>
          <a href={`/${locale}/booking`}>{t('book.back')}</a>
        </li>
      </ul>
    </>
  );
}
