// Any address under a language that no page answers: the language's own
// "page not found" (../not-found.tsx), not the framework's bare English one.
import { notFound } from 'next/navigation';

export default function UnknownPage(): never {
  notFound();
}
