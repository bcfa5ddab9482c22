import type { Metadata } from 'next';
import type { Locale } from '@/lib/i18n';
import { GrantPage } from '../_components/grant-page';
import { enrollStrings } from '../_lib/step-page';

export async function generateMetadata({ params }: PageProps<'/[locale]/enroll/office'>): Promise<Metadata> {
  const t = await enrollStrings((await params).locale as Locale);
  return { title: t('officeTitle') };
}

export default async function OfficePage({ params, searchParams }: PageProps<'/[locale]/enroll/office'>) {
  return <GrantPage locale={(await params).locale as Locale} path="office" searchParams={await searchParams} />;
}
