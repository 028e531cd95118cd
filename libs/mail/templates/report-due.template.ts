import { z } from 'zod';
import { httpUrl, isoDateTime, text } from './common';
import { defineTemplate } from './template-definition';

export const reportDueData = z.object({
  recipientName: z.string().trim().min(1),
  trip: z.object({ title: text, destination: text, returnDate: isoDateTime }),
  dueAt: isoDateTime,
  /** True once the due date has passed (the same template reminds before and after). */
  overdue: z.boolean().default(false),
  url: httpUrl,
});
export type ReportDueData = z.input<typeof reportDueData>;

export const reportDue = defineTemplate({
  name: 'report-due',
  description: 'The traveller’s report on a finished overseas trip is due (or overdue).',
  schema: reportDueData,
  strings: {
    en: {
      subject: 'Trip report due {due}: {title}',
      subjectOverdue: 'Trip report overdue: {title}',
      intro: 'Please submit your report on the overseas trip below by {due}.',
      introOverdue: 'Your report on the overseas trip below was due on {due} and has not been submitted yet.',
      trip: 'Trip',
      destination: 'Destination',
      returned: 'Returned',
      open: 'Submit the report in Accord',
    },
    mn: {
      subject: 'Томилолтын тайлан илгээх хугацаа {due}: {title}',
      subjectOverdue: 'Томилолтын тайлангийн хугацаа хэтэрлээ: {title}',
      intro: 'Доорх гадаад томилолтын тайлангаа {due}-ны дотор илгээнэ үү.',
      introOverdue: 'Доорх гадаад томилолтын тайлан илгээх хугацаа ({due}) өнгөрсөн боловч тайлан ирээгүй байна.',
      trip: 'Томилолт',
      destination: 'Очсон газар',
      returned: 'Буцаж ирсэн',
      open: 'Тайланг Accord системд илгээх',
    },
  },
  subject: `{{#if overdue}}{{t "subjectOverdue" title=(loc trip.title)}}{{else}}{{t "subject" title=(loc trip.title) due=(date dueAt)}}{{/if}}`,
  html: `{{> greeting}}
<p style="margin:0 0 12px">{{#if overdue}}{{t "introOverdue" due=(date dueAt)}}{{else}}{{t "intro" due=(date dueAt)}}{{/if}}</p>
<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:0 0 12px;font-size:14px">
<tr><td style="padding:4px 12px 4px 0;color:#52606d">{{t "trip"}}</td><td style="padding:4px 0;font-weight:bold">{{loc trip.title}}</td></tr>
<tr><td style="padding:4px 12px 4px 0;color:#52606d">{{t "destination"}}</td><td style="padding:4px 0">{{loc trip.destination}}</td></tr>
<tr><td style="padding:4px 12px 4px 0;color:#52606d">{{t "returned"}}</td><td style="padding:4px 0">{{date trip.returnDate}}</td></tr>
</table>
<p style="margin:0"><a href="{{url}}" style="color:#1d4ed8">{{t "open"}}</a></p>`,
  text: `{{> greeting}}

{{#if overdue}}{{t "introOverdue" due=(date dueAt)}}{{else}}{{t "intro" due=(date dueAt)}}{{/if}}

{{t "trip"}}: {{loc trip.title}}
{{t "destination"}}: {{loc trip.destination}}
{{t "returned"}}: {{date trip.returnDate}}

{{t "open"}}: {{url}}`,
  sample: {
    recipientName: 'Э. Энхжаргал',
    trip: {
      title: { mn: 'ДГБ-ын Зөвлөлийн чуулган', en: 'WCO Council session' },
      destination: { mn: 'Брюссель, Бельги', en: 'Brussels, Belgium' },
      returnDate: '2027-06-27',
    },
    dueAt: '2027-07-11',
    overdue: false,
    url: 'http://localhost:3000/trips/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/report',
  },
});
