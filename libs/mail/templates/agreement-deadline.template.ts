import { z } from 'zod';
import { httpUrl, isoDateTime, localized, text } from './common';
import { defineTemplate } from './template-definition';

const DAY_MS = 86_400_000;

export const agreementDeadlineData = z
  .object({
    recipientName: z.string().trim().min(1),
    agreement: z.object({
      title: localized,
      /** Authority and country, e.g. "Korea Customs Service, South Korea". */
      counterpart: text,
      url: httpUrl,
    }),
    /** Which date is coming: the last day to give notice of termination, the automatic renewal, or the expiry. */
    deadlineKind: z.enum(['notice_reminder', 'renewal_reminder', 'expiry_reminder']),
    deadline: isoDateTime,
    /** Calendar days from the reminder to the deadline. */
    daysBefore: z.number().int().min(0),
    /** For a notice deadline: the expiry that notice given in time brings about (otherwise the renewal date). */
    renewsOn: isoDateTime.optional(),
  })
  // What the body needs but Handlebars cannot compute: the time left for the duration helper ("7 days", "7 хоног"),
  // and one flag per kind of deadline for its {{#if}} blocks.
  .transform((d) => ({
    ...d,
    daysLeftMs: Math.max(1, d.daysBefore) * DAY_MS,
    notice_reminder: d.deadlineKind === 'notice_reminder',
    renewal_reminder: d.deadlineKind === 'renewal_reminder',
    expiry_reminder: d.deadlineKind === 'expiry_reminder',
  }));
export type AgreementDeadlineData = z.input<typeof agreementDeadlineData>;

const SAMPLE: AgreementDeadlineData = {
  recipientName: 'Э. Энхжаргал',
  agreement: {
    title: {
      mn: 'Монгол Улсын Засгийн газар, Бүгд Найрамдах Солонгос Улсын Засгийн газар хоорондын гаалийн асуудлаар хамтран ажиллах, харилцан туслалцаа үзүүлэх тухай хэлэлцээр',
      en: 'Agreement between the Government of Mongolia and the Government of the Republic of Korea on Cooperation and Mutual Assistance in Customs Matters',
    },
    counterpart: { mn: 'Korea Customs Service, Өмнөд Солонгос', en: 'Korea Customs Service, South Korea' },
    url: 'http://localhost:3000/app/proposals/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  },
  deadlineKind: 'notice_reminder',
  deadline: '2031-01-15',
  daysBefore: 30,
  renewsOn: '2031-07-15',
};

export const agreementDeadline = defineTemplate({
  name: 'agreement-deadline',
  description: 'A deadline of a bilateral agreement in force is coming: the notice deadline before an automatic renewal, the renewal itself, or the expiry.',
  schema: agreementDeadlineData,
  strings: {
    en: {
      subjectNotice: 'Notice deadline in {days}: {title}',
      subjectRenewal: 'Renews automatically in {days}: {title}',
      subjectExpiry: 'Expires in {days}: {title}',
      introNoticeWithExpiry: 'The agreement below renews automatically on {renewsOn} unless notice of termination is given by {deadline}.',
      introNotice: 'The agreement below renews automatically unless notice of termination is given by {deadline}.',
      nextNotice: 'If the division intends to terminate or renegotiate it, the diplomatic note must reach the counterpart by that date; otherwise nothing needs to be done.',
      introRenewal: 'The agreement below renews automatically for a further period on {deadline}.',
      nextRenewal: 'No action is needed for the renewal itself; please check that the contact points and the annual review are up to date.',
      introExpiry: 'The agreement below expires on {deadline} and does not renew by itself.',
      nextExpiry: 'To keep it in force, an extension or a new agreement must be agreed with the counterpart before that date.',
      agreement: 'Agreement',
      counterpart: 'Counterpart',
      deadlineKind: 'Deadline',
      notice_reminder: 'Last day to give notice of termination',
      renewal_reminder: 'Automatic renewal',
      expiry_reminder: 'Expiry',
      date: 'Date',
      daysLeft: 'Time left',
      open: 'Open the agreement in Accord',
    },
    mn: {
      subjectNotice: 'Цуцлах мэдэгдэл өгөх эцсийн хугацаа {days}ийн дараа: {title}',
      subjectRenewal: '{days}ийн дараа автоматаар сунгагдана: {title}',
      subjectExpiry: '{days}ийн дараа хугацаа дуусна: {title}',
      introNoticeWithExpiry: 'Цуцлах тухай мэдэгдлийг {deadline} хүртэл өгөхгүй бол доорх хэлэлцээр {renewsOn} өдөр автоматаар сунгагдана.',
      introNotice: 'Цуцлах тухай мэдэгдлийг {deadline} хүртэл өгөхгүй бол доорх хэлэлцээр автоматаар сунгагдана.',
      nextNotice: 'Хэлтэс хэлэлцээрийг цуцлах эсвэл шинэчлэн хэлэлцэх бол дипломат нот энэ өдрөөс өмнө нөгөө талд хүрсэн байх ёстой; эс тэгвэл юу ч хийх шаардлагагүй.',
      introRenewal: 'Доорх хэлэлцээр {deadline} өдөр дараагийн хугацаагаар автоматаар сунгагдана.',
      nextRenewal: 'Сунгалтын хувьд юу ч хийх шаардлагагүй; холбоо барих ажилтнууд болон жилийн хяналт шинэчлэгдсэн эсэхийг шалгана уу.',
      introExpiry: 'Доорх хэлэлцээрийн хугацаа {deadline} өдөр дуусах бөгөөд автоматаар сунгагдахгүй.',
      nextExpiry: 'Хүчин төгөлдөр хэвээр байлгах бол энэ өдрөөс өмнө нөгөө талтай сунгах эсвэл шинэ хэлэлцээр байгуулах тохиролцоонд хүрэх шаардлагатай.',
      agreement: 'Хэлэлцээр',
      counterpart: 'Нөгөө тал',
      deadlineKind: 'Хугацааны төрөл',
      notice_reminder: 'Цуцлах мэдэгдэл өгөх эцсийн өдөр',
      renewal_reminder: 'Автоматаар сунгагдах',
      expiry_reminder: 'Хугацаа дуусах',
      date: 'Огноо',
      daysLeft: 'Үлдсэн хугацаа',
      open: 'Хэлэлцээрийг Accord системд нээх',
    },
  },
  subject: `{{#if notice_reminder}}{{t "subjectNotice" days=(duration daysLeftMs) title=(loc agreement.title)}}{{/if}}{{#if renewal_reminder}}{{t "subjectRenewal" days=(duration daysLeftMs) title=(loc agreement.title)}}{{/if}}{{#if expiry_reminder}}{{t "subjectExpiry" days=(duration daysLeftMs) title=(loc agreement.title)}}{{/if}}`,
  html: `{{> greeting}}
<p style="margin:0 0 12px">{{#if notice_reminder}}{{#if renewsOn}}{{t "introNoticeWithExpiry" deadline=(date deadline) renewsOn=(date renewsOn)}}{{else}}{{t "introNotice" deadline=(date deadline)}}{{/if}}{{/if}}{{#if renewal_reminder}}{{t "introRenewal" deadline=(date deadline)}}{{/if}}{{#if expiry_reminder}}{{t "introExpiry" deadline=(date deadline)}}{{/if}}</p>
<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:0 0 12px;font-size:14px">
<tr><td style="padding:4px 12px 4px 0;color:#52606d">{{t "agreement"}}</td><td style="padding:4px 0;font-weight:bold">{{loc agreement.title}}</td></tr>
<tr><td style="padding:4px 12px 4px 0;color:#52606d">{{t "counterpart"}}</td><td style="padding:4px 0">{{loc agreement.counterpart}}</td></tr>
<tr><td style="padding:4px 12px 4px 0;color:#52606d">{{t "deadlineKind"}}</td><td style="padding:4px 0">{{t deadlineKind}}</td></tr>
<tr><td style="padding:4px 12px 4px 0;color:#52606d">{{t "date"}}</td><td style="padding:4px 0;font-weight:bold">{{date deadline}}</td></tr>
<tr><td style="padding:4px 12px 4px 0;color:#52606d">{{t "daysLeft"}}</td><td style="padding:4px 0">{{duration daysLeftMs}}</td></tr>
</table>
<p style="margin:0 0 12px">{{#if notice_reminder}}{{t "nextNotice"}}{{/if}}{{#if renewal_reminder}}{{t "nextRenewal"}}{{/if}}{{#if expiry_reminder}}{{t "nextExpiry"}}{{/if}}</p>
<p style="margin:0"><a href="{{agreement.url}}" style="color:#1d4ed8">{{t "open"}}</a></p>`,
  text: `{{> greeting}}

{{#if notice_reminder}}{{#if renewsOn}}{{t "introNoticeWithExpiry" deadline=(date deadline) renewsOn=(date renewsOn)}}{{else}}{{t "introNotice" deadline=(date deadline)}}{{/if}}{{/if}}{{#if renewal_reminder}}{{t "introRenewal" deadline=(date deadline)}}{{/if}}{{#if expiry_reminder}}{{t "introExpiry" deadline=(date deadline)}}{{/if}}

{{t "agreement"}}: {{loc agreement.title}}
{{t "counterpart"}}: {{loc agreement.counterpart}}
{{t "deadlineKind"}}: {{t deadlineKind}}
{{t "date"}}: {{date deadline}}
{{t "daysLeft"}}: {{duration daysLeftMs}}

{{#if notice_reminder}}{{t "nextNotice"}}{{/if}}{{#if renewal_reminder}}{{t "nextRenewal"}}{{/if}}{{#if expiry_reminder}}{{t "nextExpiry"}}{{/if}}
{{t "open"}}: {{agreement.url}}`,
  // Parsed once, so the sample carries the derived fields too (rendering parses it again: same result).
  sample: agreementDeadlineData.parse(SAMPLE),
});
