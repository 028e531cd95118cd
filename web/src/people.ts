import { language } from './i18n';
import type { PersonRef } from './types';

/** A person's name in the reader's language (Cyrillic for Mongolian, Latin for English). */
export function personName(p: PersonRef | null | undefined): string {
  if (!p) return '—';
  return (language.get() === 'mn' ? p.nameMn : p.nameLatin) ?? p.nameLatin ?? p.nameMn ?? p.id.slice(0, 8);
}
