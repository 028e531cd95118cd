import { z } from 'zod';
import { actionLink, isoDateTime, proposalFacts } from './common';
import { defineTemplate } from './template-definition';

export const taskAssignedData = z.object({
  recipientName: z.string().trim().min(1),
  proposal: proposalFacts,
  dueAt: isoDateTime.optional(),
  /** Set when the recipient acts for someone else (delegation). */
  onBehalfOfName: z.string().trim().min(1).optional(),
  /** Filled in by the send activity, which issues one single-use link per action. */
  actions: z.array(actionLink).default([]),
});
export type TaskAssignedData = z.input<typeof taskAssignedData>;

export const taskAssigned = defineTemplate({
  name: 'task-assigned',
  description: 'A task was opened for the recipient: the proposal, its due date and one link per allowed action.',
  schema: taskAssignedData,
  strings: {
    en: {
      subject: 'Action needed: {title}',
      intro: 'A task on the proposal below has been assigned to you.',
      onBehalfOf: 'You act on behalf of {name}.',
    },
    mn: {
      subject: 'Шийдвэр гаргах шаардлагатай: {title}',
      intro: 'Доорх санал дээр танд даалгавар оноогдлоо.',
      onBehalfOf: 'Та {name}-ийн өмнөөс шийдвэр гаргана.',
    },
  },
  subject: `{{t "subject" title=(loc proposal.title)}}`,
  html: `{{> greeting}}
<p style="margin:0 0 12px">{{t "intro"}}</p>
{{#if onBehalfOfName}}<p style="margin:0 0 12px">{{t "onBehalfOf" name=onBehalfOfName}}</p>{{/if}}
{{> facts}}
{{> actions}}`,
  text: `{{> greeting}}

{{t "intro"}}
{{#if onBehalfOfName}}
{{t "onBehalfOf" name=onBehalfOfName}}
{{/if}}

{{> facts}}

{{> actions}}`,
  sample: {
    recipientName: 'Б. Батбаяр',
    proposal: {
      title: { mn: 'Киотогийн шинэчилсэн конвенцид нэгдэн орох тухай', en: 'Accession to the Revised Kyoto Convention' },
      kind: { mn: 'Олон улсын конвенцид нэгдэх', en: 'Accession to an international convention' },
      stage: { mn: 'Хэлтсийн даргын хяналт', en: 'Division head review' },
      ownerName: 'Д. Сарангэрэл',
      summary: {
        mn: 'Гаалийн журмыг хялбарчлах, уялдуулах тухай олон улсын конвенц.',
        en: 'International convention on the simplification and harmonisation of customs procedures.',
      },
      url: 'http://localhost:3000/proposals/5f0c6a2e-1b2c-4d5e-8f90-123456789abc',
    },
    dueAt: '2027-03-12T09:00:00Z',
    actions: [
      { action: 'approve', label: { mn: 'Батлах', en: 'Approve' }, url: 'http://localhost:3000/api/v1/actions/SAMPLE-approve', tone: 'primary' },
      { action: 'request_changes', label: { mn: 'Засвар хүсэх', en: 'Request changes' }, url: 'http://localhost:3000/api/v1/actions/SAMPLE-changes', tone: 'neutral' },
      { action: 'reject', label: { mn: 'Татгалзах', en: 'Reject' }, url: 'http://localhost:3000/api/v1/actions/SAMPLE-reject', tone: 'danger' },
    ],
  },
});
