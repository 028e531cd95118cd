import { z } from 'zod';
import { httpUrl, isoDateTime, localized, text } from './common';
import { defineTemplate } from './template-definition';

const digestItem = z.object({
  title: localized,
  stage: text,
  dueAt: isoDateTime.optional(),
  overdue: z.boolean().default(false),
  url: httpUrl,
});

export const weeklyDigestData = z.object({
  recipientName: z.string().trim().min(1),
  periodStart: isoDateTime,
  periodEnd: isoDateTime,
  /** Sections in display order, e.g. "Awaiting your decision", "Your proposals". Empty sections are shown as such. */
  sections: z.array(z.object({ title: localized, items: z.array(digestItem) })),
  /** The dashboard, where the whole picture is. */
  dashboardUrl: httpUrl.optional(),
});
export type WeeklyDigestData = z.input<typeof weeklyDigestData>;

export const weeklyDigest = defineTemplate({
  name: 'weekly-digest',
  description: 'Weekly summary for a person: the proposals waiting for them and the state of their own.',
  schema: weeklyDigestData,
  strings: {
    en: {
      subject: 'Accord weekly digest, {start} – {end}',
      intro: 'Here is where your proposals and tasks stand this week.',
      nothing: 'Nothing here this week.',
      due: 'due {due}',
      overdue: 'overdue',
      dashboard: 'Open the dashboard',
    },
    mn: {
      subject: 'Accord долоо хоногийн тойм, {start} – {end}',
      intro: 'Энэ долоо хоногт таны санал, даалгаврын байдал дараах байдалтай байна.',
      nothing: 'Энэ долоо хоногт мэдээлэл алга.',
      due: 'хугацаа {due}',
      overdue: 'хугацаа хэтэрсэн',
      dashboard: 'Хяналтын самбарыг нээх',
    },
  },
  subject: `{{t "subject" start=(date periodStart) end=(date periodEnd)}}`,
  html: `{{> greeting}}
<p style="margin:0 0 12px">{{t "intro"}}</p>
{{#each sections}}
<h3 style="margin:16px 0 6px;font-size:15px">{{loc title}} ({{items.length}})</h3>
{{#if items.length}}
<ul style="margin:0;padding-left:20px">
{{#each items}}<li style="margin:0 0 4px"><a href="{{url}}" style="color:#1d4ed8">{{loc title}}</a> — {{loc stage}}{{#if dueAt}}, {{t "due" due=(date dueAt)}}{{/if}}{{#if overdue}} <strong style="color:#b91c1c">({{t "overdue"}})</strong>{{/if}}</li>
{{/each}}
</ul>
{{else}}
<p style="margin:0;color:#52606d">{{t "nothing"}}</p>
{{/if}}
{{/each}}
{{#if dashboardUrl}}<p style="margin:16px 0 0"><a href="{{dashboardUrl}}" style="color:#1d4ed8">{{t "dashboard"}}</a></p>{{/if}}`,
  text: `{{> greeting}}

{{t "intro"}}
{{#each sections}}

{{loc title}} ({{items.length}})
{{#if items.length}}
{{#each items}}
  * {{loc title}} — {{loc stage}}{{#if dueAt}}, {{t "due" due=(date dueAt)}}{{/if}}{{#if overdue}} ({{t "overdue"}}){{/if}}
    {{url}}
{{/each}}
{{else}}
  {{t "nothing"}}
{{/if}}
{{/each}}
{{#if dashboardUrl}}

{{t "dashboard"}}: {{dashboardUrl}}
{{/if}}`,
  sample: {
    recipientName: 'Г. Ганбаатар',
    periodStart: '2027-03-08',
    periodEnd: '2027-03-14',
    dashboardUrl: 'http://localhost:3000/app/',
    sections: [
      {
        title: { mn: 'Таны шийдвэрийг хүлээж буй', en: 'Awaiting your decision' },
        items: [
          {
            title: { mn: 'Киотогийн шинэчилсэн конвенцид нэгдэн орох тухай', en: 'Accession to the Revised Kyoto Convention' },
            stage: { mn: 'Хэлтсийн даргын хяналт', en: 'Division head review' },
            dueAt: '2027-03-12T09:00:00Z',
            overdue: true,
            url: 'http://localhost:3000/proposals/5f0c6a2e-1b2c-4d5e-8f90-123456789abc',
          },
        ],
      },
      { title: { mn: 'Таны санаачилсан саналууд', en: 'Your proposals' }, items: [] },
    ],
  },
});
