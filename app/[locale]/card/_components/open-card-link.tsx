'use client';
// On the home page: "open my card" when this phone holds one. The installed
// app starts at the home page with ?launch=app (the manifest's start_url):
// a phone that holds a card then goes straight to the card (its unlock).
import { useEffect, useState } from 'react';
import { readRememberedCard } from '@/components/device-key';

export const LAUNCH_PARAM = 'launch';

export function OpenCardLink({ locale, labels }: { locale: string; labels: { holds: string; open: string; heading: string } }) {
  const [holds, setHolds] = useState(false);

  useEffect(() => {
    const card = readRememberedCard();
    if (!card) return;
    if (new URLSearchParams(window.location.search).get(LAUNCH_PARAM) === 'app') {
      window.location.replace(`/${locale}/card`);
      return;
    }
    setHolds(true);
  }, [locale]);

  if (!holds) return null;
  return (
    <section aria-labelledby="my-card-heading" className="panel" data-testid="home-my-card">
      <h2 id="my-card-heading">{labels.heading}</h2>
      <p>{labels.holds}</p>
      <a className="button primary" href={`/${locale}/card`} data-testid="open-my-card">
        {labels.open}
      </a>
    </section>
  );
}
