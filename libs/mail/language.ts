/** The two languages every message and page is written in. */
export const LANGUAGES = ['mn', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A text in both languages. */
export interface Localized {
  mn: string;
  en: string;
}

/** A plain string (a name, a number) or a text in both languages. */
export type LocalizableText = string | Localized;

/** The administration works in Ulaanbaatar time, whatever the server's zone. */
export const MAIL_TIME_ZONE = 'Asia/Ulaanbaatar';

export function isLanguage(value: unknown): value is Language {
  return value === 'mn' || value === 'en';
}

export function otherLanguage(language: Language): Language {
  return language === 'mn' ? 'en' : 'mn';
}

export function localize(text: LocalizableText | null | undefined, language: Language): string {
  if (text === null || text === undefined) return '';
  return typeof text === 'string' ? text : text[language];
}

const LOCALE: Record<Language, string> = { mn: 'mn', en: 'en-GB' };

function toDate(value: string | Date): Date | null {
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "2027 оны гуравдугаар сарын 12" / "12 March 2027". */
export function formatDate(value: string | Date | null | undefined, language: Language): string {
  const d = value ? toDate(value) : null;
  return d ? new Intl.DateTimeFormat(LOCALE[language], { dateStyle: 'long', timeZone: MAIL_TIME_ZONE }).format(d) : '';
}

/** "2027 оны 3-р сарын 12 17:30" / "12 Mar 2027, 17:30" (Ulaanbaatar time). */
export function formatDateTime(value: string | Date | null | undefined, language: Language): string {
  const d = value ? toDate(value) : null;
  return d
    ? new Intl.DateTimeFormat(LOCALE[language], { dateStyle: 'medium', timeStyle: 'short', timeZone: MAIL_TIME_ZONE, hourCycle: 'h23' }).format(d)
    : '';
}
