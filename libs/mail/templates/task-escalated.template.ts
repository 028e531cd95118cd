import { z } from 'zod';
import { actionLink, isoDateTime, proposalFacts } from './common';
import { defineTemplate } from './template-definition';

export const taskEscalatedData = z.object({
  recipientName: z.string().trim().min(1),
  /** supervisor: the assignee's own head; leadership: the deputy commissioner / commissioner general. */
  level: z.enum(['supervisor', 'leadership']),
  originalAssigneeName: z.string().trim().min(1),
  proposal: proposalFacts,
  dueAt: isoDateTime,
  /** How long past the due date the task is, in milliseconds. */
  overdueMs: z.number().nonnegative(),
  actions: z.array(actionLink).default([]),
});
export type TaskEscalatedData = z.input<typeof taskEscalatedData>;

export const taskEscalated = defineTemplate({
  name: 'task-escalated',
  description: 'An overdue task escalated to the assignee’s supervisor, then to leadership.',
  schema: taskEscalatedData,
  strings: {
    en: {
      subject: 'Overdue task escalated to you: {title}',
      intro: 'A task on the proposal below is overdue and is escalated to you as {level}.',
      supervisor: 'the assignee’s supervisor',
      leadership: 'leadership',
      assignee: 'Assigned to',
      overdue: 'Overdue by',
      wasDue: 'Was due',
    },
    mn: {
      subject: 'Хугацаа хэтэрсэн даалгавар танд шилжлээ: {title}',
      intro: 'Доорх саналын даалгаврын хугацаа хэтэрсэн тул {level} танд шилжүүлж байна.',
      supervisor: 'шууд удирдлагын хувьд',
      leadership: 'удирдлагын хувьд',
      assignee: 'Хариуцагч',
      overdue: 'Хэтэрсэн хугацаа',
      wasDue: 'Дуусах хугацаа байсан',
    },
  },
  subject: `{{t "subject" title=(loc proposal.title)}}`,
  html: `{{> greeting}}
<p style="margin:0 0 12px">{{t "intro" level=(t level)}}</p>
<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:0 0 8px;font-size:14px">
<tr><td style="padding:4px 12px 4px 0;color:#52606d">{{t "assignee"}}</td><td style="padding:4px 0;font-weight:bold">{{originalAssigneeName}}</td></tr>
<tr><td style="padding:4px 12px 4px 0;color:#52606d">{{t "overdue"}}</td><td style="padding:4px 0;font-weight:bold;color:#b91c1c">{{duration overdueMs}}</td></tr>
<tr><td style="padding:4px 12px 4px 0;color:#52606d">{{t "wasDue"}}</td><td style="padding:4px 0">{{datetime dueAt}}</td></tr>
</table>
{{> facts}}
{{> actions}}`,
  text: `{{> greeting}}

{{t "intro" level=(t level)}}
{{t "assignee"}}: {{originalAssigneeName}}
{{t "overdue"}}: {{duration overdueMs}}
{{t "wasDue"}}: {{datetime dueAt}}

{{> facts}}

{{> actions}}`,
  sample: {
    recipientName: 'Г. Ганбаатар',
    level: 'supervisor',
    originalAssigneeName: 'Б. Батбаяр',
    proposal: {
      title: { mn: 'Киотогийн шинэчилсэн конвенцид нэгдэн орох тухай', en: 'Accession to the Revised Kyoto Convention' },
      kind: { mn: 'Олон улсын конвенцид нэгдэх', en: 'Accession to an international convention' },
      stage: { mn: 'Хэлтсийн даргын хяналт', en: 'Division head review' },
      ownerName: 'Д. Сарангэрэл',
      url: 'http://localhost:3000/proposals/5f0c6a2e-1b2c-4d5e-8f90-123456789abc',
    },
    dueAt: '2027-03-12T09:00:00Z',
    overdueMs: 2 * 24 * 3600 * 1000 + 3 * 3600 * 1000,
    actions: [],
  },
});
