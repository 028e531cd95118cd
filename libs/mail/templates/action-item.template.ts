import { z } from 'zod';
import { isoDateTime, proposalFacts } from './common';
import { defineTemplate } from './template-definition';

const PURPOSES = ['assigned', 'reminder', 'overdue', 'escalated'] as const;

export const actionItemData = z
  .object({
    recipientName: z.string().trim().min(1),
    proposal: proposalFacts,
    item: z.object({ title: z.string().trim().min(1), dueDate: isoDateTime, ownerName: z.string().trim().min(1) }),
    /** Given to the recipient, coming due, overdue (to its owner), or overdue and escalated (to the owner's supervisor). */
    purpose: z.enum(PURPOSES),
  })
  // One sentence per purpose: the keys of the strings below.
  .transform((d) => ({ ...d, subjectKey: `${d.purpose}Subject`, introKey: `${d.purpose}Intro` }));
export type ActionItemData = z.input<typeof actionItemData>;

export const actionItem = defineTemplate({
  name: 'action-item',
  description: 'An implementation action item: given to someone, coming due, overdue, or escalated to their supervisor.',
  schema: actionItemData,
  strings: {
    en: {
      assignedSubject: 'Action item for you: {title}',
      reminderSubject: 'Action item due {due}: {title}',
      overdueSubject: 'Action item overdue: {title}',
      escalatedSubject: 'Overdue action item of {owner}: {title}',
      assignedIntro: 'You are responsible for the implementation action item below, due on {due}.',
      reminderIntro: 'The implementation action item below is due on {due}. Please mark it done in Accord when it is.',
      overdueIntro: 'The implementation action item below was due on {due} and is not marked done yet.',
      escalatedIntro: 'The implementation action item below, held by {owner}, was due on {due} and is still not done. It is sent to you as their supervisor.',
      item: 'Action item',
      holder: 'Responsible',
      dueDate: 'Due date',
    },
    mn: {
      assignedSubject: 'Танд хэрэгжүүлэх ажил оноолоо: {title}',
      reminderSubject: 'Хэрэгжүүлэх ажлын хугацаа {due}: {title}',
      overdueSubject: 'Хэрэгжүүлэх ажлын хугацаа хэтэрлээ: {title}',
      escalatedSubject: '{owner}-ийн хэрэгжүүлэх ажлын хугацаа хэтэрлээ: {title}',
      assignedIntro: 'Доорх хэрэгжүүлэх ажлыг та хариуцна. Дуусах хугацаа: {due}.',
      reminderIntro: 'Доорх хэрэгжүүлэх ажлын дуусах хугацаа {due}. Ажлыг дуусгасны дараа Accord системд тэмдэглэнэ үү.',
      overdueIntro: 'Доорх хэрэгжүүлэх ажлын хугацаа {due}-нд дууссан боловч хийгдсэн гэж тэмдэглэгдээгүй байна.',
      escalatedIntro: '{owner}-ийн хариуцсан доорх хэрэгжүүлэх ажлын хугацаа {due}-нд дууссан боловч хийгдээгүй байна. Шууд удирдлагын хувьд танд мэдэгдэж байна.',
      item: 'Хэрэгжүүлэх ажил',
      holder: 'Хариуцагч',
      dueDate: 'Дуусах хугацаа',
    },
  },
  subject: `{{t subjectKey title=item.title due=(date item.dueDate) owner=item.ownerName}}`,
  html: `{{> greeting}}
<p style="margin:0 0 12px">{{t introKey due=(date item.dueDate) owner=item.ownerName}}</p>
<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:0 0 12px;font-size:14px">
<tr><td style="padding:4px 12px 4px 0;color:#52606d">{{t "item"}}</td><td style="padding:4px 0;font-weight:bold">{{item.title}}</td></tr>
<tr><td style="padding:4px 12px 4px 0;color:#52606d">{{t "holder"}}</td><td style="padding:4px 0">{{item.ownerName}}</td></tr>
<tr><td style="padding:4px 12px 4px 0;color:#52606d">{{t "dueDate"}}</td><td style="padding:4px 0">{{date item.dueDate}}</td></tr>
</table>
{{> facts}}`,
  text: `{{> greeting}}

{{t introKey due=(date item.dueDate) owner=item.ownerName}}

{{t "item"}}: {{item.title}}
{{t "holder"}}: {{item.ownerName}}
{{t "dueDate"}}: {{date item.dueDate}}

{{> facts}}`,
  sample: {
    recipientName: 'Б. Батбаяр',
    proposal: {
      title: { mn: 'Киотогийн шинэчилсэн конвенцид нэгдэн орох тухай', en: 'Accession to the Revised Kyoto Convention' },
      kind: { mn: 'Олон улсын конвенцид нэгдэх', en: 'Accession to an international convention' },
      stage: { mn: 'Хэрэгжүүлэлт', en: 'Implementation' },
      ownerName: 'Д. Сарангэрэл',
      url: 'http://localhost:3000/proposals/5f0c6a2e-1b2c-4d5e-8f90-123456789abc',
    },
    item: { title: 'Amend the customs procedures regulation (simplified declarations)', dueDate: '2027-09-30', ownerName: 'Б. Батбаяр' },
    purpose: 'reminder',
  },
});
