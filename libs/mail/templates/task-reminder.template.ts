import { z } from 'zod';
import { actionLink, isoDateTime, proposalFacts } from './common';
import { defineTemplate } from './template-definition';

export const taskReminderData = z.object({
  recipientName: z.string().trim().min(1),
  proposal: proposalFacts,
  dueAt: isoDateTime,
  /** 1 for the first reminder, 2 for the second... */
  reminderNumber: z.number().int().positive().default(1),
  actions: z.array(actionLink).default([]),
});
export type TaskReminderData = z.input<typeof taskReminderData>;

export const taskReminder = defineTemplate({
  name: 'task-reminder',
  description: 'Reminder before the due date of an open task, with fresh action links.',
  schema: taskReminderData,
  strings: {
    en: {
      subject: 'Reminder: decision due {due} on {title}',
      intro: 'Your task on the proposal below is still open.',
      dueLine: 'Please decide by {due}. After that it is escalated to your supervisor.',
    },
    mn: {
      subject: 'Сануулга: {title} (хугацаа {due})',
      intro: 'Доорх санал дээрх таны даалгавар одоогоор хаагдаагүй байна.',
      dueLine: 'Шийдвэрээ {due}-ны дотор гаргана уу. Хугацаа хэтэрвэл шууд удирдлагад тань шилжинэ.',
    },
  },
  subject: `{{t "subject" title=(loc proposal.title) due=(date dueAt)}}`,
  html: `{{> greeting}}
<p style="margin:0 0 12px">{{t "intro"}}</p>
<p style="margin:0 0 12px;font-weight:bold">{{t "dueLine" due=(datetime dueAt)}}</p>
{{> facts}}
{{> actions}}`,
  text: `{{> greeting}}

{{t "intro"}}
{{t "dueLine" due=(datetime dueAt)}}

{{> facts}}

{{> actions}}`,
  sample: {
    recipientName: 'Б. Батбаяр',
    proposal: {
      title: { mn: 'Киотогийн шинэчилсэн конвенцид нэгдэн орох тухай', en: 'Accession to the Revised Kyoto Convention' },
      kind: { mn: 'Олон улсын конвенцид нэгдэх', en: 'Accession to an international convention' },
      stage: { mn: 'Хуулийн хэлтсийн дүгнэлт', en: 'Legal review' },
      ownerName: 'Д. Сарангэрэл',
      url: 'http://localhost:3000/proposals/5f0c6a2e-1b2c-4d5e-8f90-123456789abc',
    },
    dueAt: '2027-03-12T09:00:00Z',
    reminderNumber: 1,
    actions: [
      { action: 'approve', label: { mn: 'Батлах', en: 'Approve' }, url: 'http://localhost:3000/api/v1/actions/SAMPLE-approve', tone: 'primary' },
      { action: 'reject', label: { mn: 'Татгалзах', en: 'Reject' }, url: 'http://localhost:3000/api/v1/actions/SAMPLE-reject', tone: 'danger' },
    ],
  },
});
