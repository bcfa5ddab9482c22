import type { Metadata } from 'next';

// Staff pages are for staff only: never indexed, never cached by the service worker's page cache.
export const metadata: Metadata = { robots: { index: false, follow: false } };

export default function StaffLayout({ children }: { children: React.ReactNode }) {
  return <div className="staff">{children}</div>;
}
