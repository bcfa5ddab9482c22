import type { Metadata } from 'next';
import type { Locale } from '@/lib/i18n';
import { GrantPage } from '../_components/grant-page';
import { enrollStrings } from '../_lib/step-page';

export async function generateMetadata({ params }: PageProps<'/[locale]/enroll/video'>): Promise<Metadata> {
  const t = await enrollStrings((await params).locale as Locale);
  return { title: t('videoTitle') };
}

export default async function VideoPage({ params, searchParams }: PageProps<'/[locale]/enroll/video'>) {
  return <GrantPage locale={(await params).locale as Locale} path="video" searchParams={await searchParams} />;
}
