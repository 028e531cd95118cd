import Handlebars from 'handlebars';
import { formatDateTime, Language, localize, Localized, otherLanguage } from '../../../../../libs/mail';
import { ACTION_PAGE_TEMPLATE } from './action-page.template';
import { PAGE_STRINGS, PageStringKey } from './action-page-strings';

/** A page ready to send: the HTTP status says what happened, the HTML says it to a person. */
export interface RenderedPage {
  status: number;
  html: string;
}

/** What a page can tell about the link and its task. */
export interface PageLinkFacts {
  actionLabel: Localized;
  proposalTitle?: Localized | null;
  assigneeName?: string | null;
  expiresAt?: Date | null;
}

export type ResultPageKind = 'done' | 'already_decided' | 'used' | 'expired' | 'revoked' | 'invalid' | 'form_expired' | 'unavailable' | 'not_allowed';

interface Bi {
  primary: string;
  other?: string;
}

const engine = Handlebars.create();
const page = engine.compile(ACTION_PAGE_TEMPLATE); // HTML-escaped: every value is data

function fill(pattern: string, vars: Record<string, string>): string {
  return pattern.replace(/\{(\w+)\}/g, (whole, k: string) => vars[k] ?? whole);
}

class PageText {
  readonly other: Language;
  constructor(readonly lang: Language) {
    this.other = otherLanguage(lang);
  }
  /** A fixed text in the reader's language, with the other language under it. */
  words(key: PageStringKey, vars: Partial<Record<Language, Record<string, string>>> = {}): Bi {
    const s = PAGE_STRINGS[key];
    return { primary: fill(s[this.lang], vars[this.lang] ?? {}), other: fill(s[this.other], vars[this.other] ?? {}) };
  }
  both(value: Localized): Bi {
    return { primary: localize(value, this.lang), other: localize(value, this.other) };
  }
  time(value: Date | string): Bi {
    return { primary: formatDateTime(value, this.lang), other: formatDateTime(value, this.other) };
  }
}

type Fact = { label: Bi; value: Bi };

function linkFacts(t: PageText, link: PageLinkFacts | undefined): Fact[] {
  if (!link) return [];
  const facts: Fact[] = [];
  if (link.proposalTitle) facts.push({ label: t.words('proposal'), value: t.both(link.proposalTitle) });
  facts.push({ label: t.words('decision'), value: t.both(link.actionLabel) });
  return facts;
}

function render(t: PageText, status: number, tone: string, content: { title: Bi; paragraphs?: Bi[]; facts?: Fact[]; form?: unknown; link?: { href: string; text: Bi } }): RenderedPage {
  const html = page({ lang: t.lang, otherLang: t.other, tone, footer: t.words('footer'), paragraphs: [], facts: [], ...content });
  return { status, html };
}

export interface ConfirmPageInput {
  language: Language;
  link: PageLinkFacts;
  /** Where the form posts: the link's own path. */
  formAction: string;
  csrf: string;
  commentRequired: boolean;
  tone: 'primary' | 'neutral' | 'danger';
  /** Comment typed before, kept when the form comes back with an error. */
  comment?: string;
  commentMissing?: boolean;
}

/** The page a GET of a valid link shows: what will happen, a comment field and one button. No script. */
export function renderConfirmPage(input: ConfirmPageInput): RenderedPage {
  const t = new PageText(input.language);
  const action = { mn: { action: input.link.actionLabel.mn }, en: { action: input.link.actionLabel.en } };
  const facts = linkFacts(t, input.link);
  if (input.link.assigneeName) facts.push({ label: t.words('actingAs'), value: { primary: input.link.assigneeName } });
  if (input.link.expiresAt) facts.push({ label: t.words('validUntil'), value: t.time(input.link.expiresAt) });
  return render(t, input.commentMissing ? 400 : 200, '', {
    title: t.words('confirmTitle', action),
    paragraphs: [t.words('confirmIntro')],
    facts,
    form: {
      action: input.formAction,
      csrf: input.csrf,
      comment: input.comment ?? '',
      commentRequired: input.commentRequired,
      commentLabel: t.words(input.commentRequired ? 'commentRequired' : 'commentOptional'),
      error: input.commentMissing ? t.words('commentMissing') : null,
      button: t.words('confirmButton', action),
      tone: input.tone === 'primary' ? '' : input.tone,
      hint: t.words('changeMind'),
    },
  });
}

export interface ResultPageInput {
  language: Language;
  link?: PageLinkFacts;
  /** Who took the decision that stands, and when (used / already decided / done). */
  decidedBy?: string | null;
  decidedAt?: Date | string | null;
  /** The decision that stands, when it is not the link's own action. */
  decision?: Localized | null;
  /** For revoked links: task_closed, reassigned, withdrawn, not_delivered. */
  revokedReason?: string | null;
  /** For not_allowed: the workflow's reason, in both languages. */
  reason?: Localized | null;
  /** For form_expired: the link to open the confirmation page again. */
  retryHref?: string;
}

const RESULT: Record<ResultPageKind, { status: number; tone: string; title: PageStringKey; text: PageStringKey }> = {
  done: { status: 200, tone: 'success', title: 'doneTitle', text: 'doneText' },
  already_decided: { status: 409, tone: 'warning', title: 'alreadyDecidedTitle', text: 'alreadyDecidedText' },
  used: { status: 410, tone: 'warning', title: 'usedTitle', text: 'usedText' },
  expired: { status: 410, tone: 'warning', title: 'expiredTitle', text: 'expiredText' },
  revoked: { status: 410, tone: 'warning', title: 'revokedTitle', text: 'revokedText' },
  invalid: { status: 404, tone: 'danger', title: 'invalidTitle', text: 'invalidText' },
  form_expired: { status: 403, tone: 'danger', title: 'formExpiredTitle', text: 'formExpiredText' },
  unavailable: { status: 503, tone: 'danger', title: 'unavailableTitle', text: 'unavailableText' },
  not_allowed: { status: 409, tone: 'warning', title: 'notAllowedTitle', text: 'notAllowedText' },
};

const REVOKE_REASONS: Record<string, PageStringKey> = {
  reassigned: 'revoked_reassigned',
  task_closed: 'revoked_task_closed',
  withdrawn: 'revoked_withdrawn',
  not_delivered: 'revoked_not_delivered',
};

/** The page for every outcome other than the confirmation form; each says what happened and that nothing else did. */
export function renderResultPage(kind: ResultPageKind, input: ResultPageInput): RenderedPage {
  const t = new PageText(input.language);
  const r = RESULT[kind];
  const paragraphs: Bi[] = [];
  if (kind === 'revoked') paragraphs.push(t.words(REVOKE_REASONS[input.revokedReason ?? ''] ?? 'revoked_other'));
  if (kind === 'not_allowed' && input.reason) paragraphs.push(t.both(input.reason));
  paragraphs.push(t.words(r.text));

  const facts = kind === 'invalid' || kind === 'form_expired' ? [] : linkFacts(t, input.link);
  if (input.decision) {
    const i = facts.findIndex((f) => f.label.primary === t.words('decision').primary);
    const fact = { label: t.words('decision'), value: t.both(input.decision) };
    if (i >= 0) facts[i] = fact;
    else facts.push(fact);
  }
  const who = kind === 'used' ? (['usedBy', 'usedAt'] as const) : kind === 'done' ? (['decidedBy', 'recordedAt'] as const) : (['decidedBy', 'decidedAt'] as const);
  if (input.decidedBy && kind !== 'done') facts.push({ label: t.words(who[0]), value: { primary: input.decidedBy } });
  if (input.decidedAt) facts.push({ label: t.words(who[1]), value: t.time(input.decidedAt) });
  if (kind === 'expired' && input.link?.expiresAt) facts.push({ label: t.words('expiredAt'), value: t.time(input.link.expiresAt) });

  return render(t, r.status, r.tone, {
    title: t.words(r.title),
    paragraphs,
    facts,
    link: kind === 'form_expired' && input.retryHref ? { href: input.retryHref, text: t.words('openAgain') } : undefined,
  });
}
