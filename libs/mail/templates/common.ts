import { z } from 'zod';
import { Language } from '../language';

// Data pieces shared by the templates.
export const localized = z.object({ mn: z.string().trim().min(1), en: z.string().trim().min(1) });
export const text = z.union([z.string().trim().min(1), localized]);
/** Only http(s): a link in an email must never be javascript: or data:. */
export const httpUrl = z.string().url().refine((v) => /^https?:\/\//i.test(v), 'must be an http(s) URL');
export const isoDateTime = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO date or date-time');

export const proposalFacts = z.object({
  title: localized,
  kind: text,
  stage: text,
  ownerName: z.string().trim().min(1),
  summary: text.optional(),
  url: httpUrl,
});

export const actionLink = z.object({
  action: z.string().min(1),
  label: localized,
  url: httpUrl,
  commentRequired: z.boolean().optional(),
  tone: z.enum(['primary', 'neutral', 'danger']).optional(),
});

/** Words used by the shared partials and the layout; a template's own strings may add to them. */
export const COMMON_STRINGS: Record<Language, Record<string, string>> = {
  en: {
    greeting: 'Dear {name},',
    proposal: 'Proposal',
    kind: 'Kind',
    stage: 'Stage',
    owner: 'Owner',
    due: 'Due',
    summary: 'Summary',
    openProposal: 'Open the proposal in Accord',
    actionsIntro: 'You can decide directly from this email:',
    actionsNote:
      'Each button first opens a confirmation page; nothing is recorded until you confirm there. The links are personal: please do not forward this email.',
    languageHeading: 'English',
    footer: 'Sent automatically by Accord, the approval system of the International Cooperation Division.',
    minutes: '{n} min',
    hours: '{n} h',
    days: '{n} days',
    oneDay: '1 day',
  },
  mn: {
    greeting: 'Эрхэм {name} танаа,',
    proposal: 'Санал',
    kind: 'Төрөл',
    stage: 'Үе шат',
    owner: 'Хариуцсан ажилтан',
    due: 'Дуусах хугацаа',
    summary: 'Товч агуулга',
    openProposal: 'Саналыг Accord системд нээх',
    actionsIntro: 'Та энэ имэйлээс шууд шийдвэрээ гаргаж болно:',
    actionsNote:
      'Товч бүр эхлээд баталгаажуулах хуудсыг нээнэ; тэнд баталгаажуулах хүртэл юу ч бүртгэгдэхгүй. Холбоосууд зөвхөн танд зориулагдсан тул энэ имэйлийг бусдад бүү дамжуулна уу.',
    languageHeading: 'Монгол',
    footer: 'Олон улсын хамтын ажиллагааны хэлтсийн шийдвэрийн Accord систем автоматаар илгээв.',
    minutes: '{n} минут',
    hours: '{n} цаг',
    days: '{n} хоног',
    oneDay: '1 хоног',
  },
};
