import { z } from 'zod';
import { httpUrl, isoDateTime, text } from './common';
import { defineTemplate } from './template-definition';

export const tripExpiredData = z.object({
  recipientName: z.string().trim().min(1),
  trip: z.object({ title: text, destination: text, departureDate: isoDateTime, url: httpUrl }),
  reason: text.optional(),
});
export type TripExpiredData = z.input<typeof tripExpiredData>;

export const tripExpired = defineTemplate({
  name: 'trip-expired',
  description: 'An overseas trip request was not approved before departure and has expired.',
  schema: tripExpiredData,
  strings: {
    en: {
      subject: 'Trip request expired: {title}',
      intro: 'The request for the overseas trip below was not fully approved before its departure date and has expired.',
      next: 'Nothing more can be done on this request. If the trip is still needed, please submit a new request.',
      trip: 'Trip',
      destination: 'Destination',
      departure: 'Departure',
      reason: 'Reason',
      open: 'Open the trip request in Accord',
    },
    mn: {
      subject: 'Томилолтын хүсэлт хүчингүй боллоо: {title}',
      intro: 'Доорх гадаад томилолтын хүсэлт явах өдрөөс өмнө бүрэн батлагдаагүй тул хүчингүй боллоо.',
      next: 'Энэ хүсэлт дээр цаашид үйлдэл хийх боломжгүй. Томилолт шаардлагатай хэвээр бол шинэ хүсэлт гаргана уу.',
      trip: 'Томилолт',
      destination: 'Очих газар',
      departure: 'Явах өдөр',
      reason: 'Шалтгаан',
      open: 'Томилолтын хүсэлтийг Accord системд нээх',
    },
  },
  subject: `{{t "subject" title=(loc trip.title)}}`,
  html: `{{> greeting}}
<p style="margin:0 0 12px">{{t "intro"}}</p>
<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:0 0 12px;font-size:14px">
<tr><td style="padding:4px 12px 4px 0;color:#52606d">{{t "trip"}}</td><td style="padding:4px 0;font-weight:bold">{{loc trip.title}}</td></tr>
<tr><td style="padding:4px 12px 4px 0;color:#52606d">{{t "destination"}}</td><td style="padding:4px 0">{{loc trip.destination}}</td></tr>
<tr><td style="padding:4px 12px 4px 0;color:#52606d">{{t "departure"}}</td><td style="padding:4px 0">{{date trip.departureDate}}</td></tr>
{{#if reason}}<tr><td style="padding:4px 12px 4px 0;color:#52606d">{{t "reason"}}</td><td style="padding:4px 0">{{loc reason}}</td></tr>{{/if}}
</table>
<p style="margin:0 0 12px">{{t "next"}}</p>
<p style="margin:0"><a href="{{trip.url}}" style="color:#1d4ed8">{{t "open"}}</a></p>`,
  text: `{{> greeting}}

{{t "intro"}}

{{t "trip"}}: {{loc trip.title}}
{{t "destination"}}: {{loc trip.destination}}
{{t "departure"}}: {{date trip.departureDate}}
{{#if reason}}
{{t "reason"}}: {{loc reason}}
{{/if}}

{{t "next"}}
{{t "open"}}: {{trip.url}}`,
  sample: {
    recipientName: 'Э. Энхжаргал',
    trip: {
      title: { mn: 'ДГБ-ын Зөвлөлийн чуулган', en: 'WCO Council session' },
      destination: { mn: 'Брюссель, Бельги', en: 'Brussels, Belgium' },
      departureDate: '2027-06-20',
      url: 'http://localhost:3000/trips/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    },
    reason: { mn: 'Орлогч даргын зөвшөөрөл хугацаандаа ирээгүй.', en: 'The deputy commissioner’s approval did not arrive in time.' },
  },
});
