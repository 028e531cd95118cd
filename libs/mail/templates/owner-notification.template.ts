import { z } from 'zod';
import { isoDateTime, proposalFacts, text } from './common';
import { defineTemplate } from './template-definition';

export const ownerNotificationData = z
  .object({
    recipientName: z.string().trim().min(1),
    proposal: proposalFacts,
    /** A decision someone took on the proposal (approve, reject, a stage's own action...). */
    decision: z
      .object({ label: text, by: z.string().trim().min(1), at: isoDateTime, comment: z.string().max(5000).optional() })
      .optional(),
    /** The stage the proposal moved from and to. */
    stageChange: z.object({ from: text, to: text, at: isoDateTime }).optional(),
    /** The recipient is one of a trip's delegates rather than its requester: the same notice, in their words. */
    traveller: z.boolean().optional(),
  })
  .refine((d) => d.decision || d.stageChange, 'needs a decision, a stage change, or both');
export type OwnerNotificationData = z.input<typeof ownerNotificationData>;

export const ownerNotification = defineTemplate({
  name: 'owner-notification',
  description: 'Tells the proposal owner (and a trip\'s other delegates) about a decision on it and/or its move to another stage.',
  schema: ownerNotificationData,
  strings: {
    en: {
      subjectDecision: '{decision}: {title}',
      subjectStage: 'Now at {stage}: {title}',
      decisionLine: '{by} recorded a decision on your proposal: {decision} ({at}).',
      comment: 'Comment',
      stageLine: 'Your proposal moved from “{from}” to “{to}” ({at}).',
      optOut: 'You receive this because you own the proposal; you can turn these notifications off per kind in your Accord settings.',
      decisionLineTraveller: '{by} recorded a decision on a trip you are travelling on: {decision} ({at}).',
      stageLineTraveller: 'The trip you are travelling on moved from “{from}” to “{to}” ({at}).',
      optOutTraveller: 'You receive this because you are one of the trip’s delegates; you can turn these notifications off per kind in your Accord settings.',
    },
    mn: {
      subjectDecision: '{decision}: {title}',
      subjectStage: 'Дараагийн шат — {stage}: {title}',
      decisionLine: 'Таны санал дээр шийдвэр гарлаа: {decision}. Шийдвэр гаргасан: {by} ({at}).',
      comment: 'Тайлбар',
      stageLine: 'Таны санал “{from}” шатнаас “{to}” шатанд шилжлээ ({at}).',
      optOut: 'Та энэ саналыг хариуцдаг тул энэ мэдэгдлийг хүлээн авлаа; мэдэгдлийг төрлөөр нь Accord-ын тохиргооноос унтрааж болно.',
      decisionLineTraveller: 'Таны оролцох томилолт дээр шийдвэр гарлаа: {decision}. Шийдвэр гаргасан: {by} ({at}).',
      stageLineTraveller: 'Таны оролцох томилолт “{from}” шатнаас “{to}” шатанд шилжлээ ({at}).',
      optOutTraveller: 'Та энэ томилолтын төлөөлөгчдийн нэг тул энэ мэдэгдлийг хүлээн авлаа; мэдэгдлийг төрлөөр нь Accord-ын тохиргооноос унтрааж болно.',
    },
  },
  subject: `{{#if decision}}{{t "subjectDecision" decision=(loc decision.label) title=(loc proposal.title)}}{{else}}{{t "subjectStage" stage=(loc stageChange.to) title=(loc proposal.title)}}{{/if}}`,
  html: `{{> greeting}}
{{#if decision}}
<p style="margin:0 0 12px">{{#if traveller}}{{t "decisionLineTraveller" by=decision.by decision=(loc decision.label) at=(datetime decision.at)}}{{else}}{{t "decisionLine" by=decision.by decision=(loc decision.label) at=(datetime decision.at)}}{{/if}}</p>
{{#if decision.comment}}<blockquote style="margin:0 0 12px;padding:8px 12px;border-left:3px solid #9aa5b1;color:#323f4b;white-space:pre-wrap"><strong>{{t "comment"}}:</strong> {{decision.comment}}</blockquote>{{/if}}
{{/if}}
{{#if stageChange}}<p style="margin:0 0 12px">{{#if traveller}}{{t "stageLineTraveller" from=(loc stageChange.from) to=(loc stageChange.to) at=(datetime stageChange.at)}}{{else}}{{t "stageLine" from=(loc stageChange.from) to=(loc stageChange.to) at=(datetime stageChange.at)}}{{/if}}</p>{{/if}}
{{> facts}}
<p style="margin:8px 0 0;color:#52606d;font-size:12px">{{#if traveller}}{{t "optOutTraveller"}}{{else}}{{t "optOut"}}{{/if}}</p>`,
  text: `{{> greeting}}

{{#if decision}}
{{#if traveller}}{{t "decisionLineTraveller" by=decision.by decision=(loc decision.label) at=(datetime decision.at)}}{{else}}{{t "decisionLine" by=decision.by decision=(loc decision.label) at=(datetime decision.at)}}{{/if}}
{{#if decision.comment}}
{{t "comment"}}: {{decision.comment}}
{{/if}}
{{/if}}
{{#if stageChange}}
{{#if traveller}}{{t "stageLineTraveller" from=(loc stageChange.from) to=(loc stageChange.to) at=(datetime stageChange.at)}}{{else}}{{t "stageLine" from=(loc stageChange.from) to=(loc stageChange.to) at=(datetime stageChange.at)}}{{/if}}
{{/if}}

{{> facts}}

{{#if traveller}}{{t "optOutTraveller"}}{{else}}{{t "optOut"}}{{/if}}`,
  sample: {
    recipientName: 'Д. Сарангэрэл',
    proposal: {
      title: { mn: 'Киотогийн шинэчилсэн конвенцид нэгдэн орох тухай', en: 'Accession to the Revised Kyoto Convention' },
      kind: { mn: 'Олон улсын конвенцид нэгдэх', en: 'Accession to an international convention' },
      stage: { mn: 'Хуулийн хэлтсийн дүгнэлт', en: 'Legal review' },
      ownerName: 'Д. Сарангэрэл',
      url: 'http://localhost:3000/proposals/5f0c6a2e-1b2c-4d5e-8f90-123456789abc',
    },
    decision: { label: { mn: 'Батлав', en: 'Approved' }, by: 'Б. Батбаяр', at: '2027-03-10T06:15:00Z', comment: 'Санал нийлж байна. <Agreed>' },
    stageChange: { from: { mn: 'Хэлтсийн даргын хяналт', en: 'Division head review' }, to: { mn: 'Хуулийн хэлтсийн дүгнэлт', en: 'Legal review' }, at: '2027-03-10T06:15:00Z' },
  },
});
