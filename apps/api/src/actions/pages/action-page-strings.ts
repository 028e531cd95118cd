import type { Localized } from '../../../../../libs/mail';

/** Every word the action-link pages show, in both languages. `{name}` marks a value filled in at render. */
export const PAGE_STRINGS = {
  confirmTitle: { en: 'Confirm your decision: {action}', mn: 'Шийдвэрээ баталгаажуулна уу: {action}' },
  confirmIntro: {
    en: 'You are about to record this decision on the proposal below. Nothing has been recorded yet: it happens only when you press the button.',
    mn: 'Та доорх санал дээр энэ шийдвэрийг бүртгэх гэж байна. Одоогоор юу ч бүртгэгдээгүй; товчийг дарсны дараа л бүртгэгдэнэ.',
  },
  proposal: { en: 'Proposal', mn: 'Санал' },
  decision: { en: 'Decision', mn: 'Шийдвэр' },
  actingAs: { en: 'Recorded as', mn: 'Шийдвэр гаргагч' },
  validUntil: { en: 'Link valid until', mn: 'Холбоос хүчинтэй хугацаа' },
  commentRequired: { en: 'Comment (required for this decision)', mn: 'Тайлбар (энэ шийдвэрт заавал)' },
  commentOptional: { en: 'Comment (optional)', mn: 'Тайлбар (заавал биш)' },
  commentMissing: { en: 'Please write a comment: this decision needs one.', mn: 'Энэ шийдвэрт тайлбар заавал бичнэ үү.' },
  confirmButton: { en: 'Confirm: {action}', mn: 'Баталгаажуулах: {action}' },
  changeMind: {
    en: 'Changed your mind? Just close this page; the link stays valid until it expires or the task is decided.',
    mn: 'Бодлоо өөрчилсөн бол энэ хуудсыг хаахад хангалттай; холбоос хугацаа нь дуусах эсвэл даалгавар шийдэгдэх хүртэл хүчинтэй.',
  },

  doneTitle: { en: 'Decision recorded', mn: 'Шийдвэр бүртгэгдлээ' },
  doneText: { en: 'Thank you. Your decision was recorded and the proposal moves on. You can close this page.', mn: 'Баярлалаа. Таны шийдвэр бүртгэгдэж, санал дараагийн шатанд шилжинэ. Энэ хуудсыг хааж болно.' },
  recordedAt: { en: 'Recorded at', mn: 'Бүртгэсэн цаг' },

  alreadyDecidedTitle: { en: 'This task was already decided', mn: 'Энэ даалгаврын шийдвэр аль хэдийн гарсан' },
  alreadyDecidedText: { en: 'A decision was recorded before yours arrived. Your link changed nothing.', mn: 'Таны шийдвэр ирэхээс өмнө өөр шийдвэр бүртгэгдсэн байна. Таны холбоос юуг ч өөрчлөөгүй.' },
  decidedBy: { en: 'Decided by', mn: 'Шийдвэр гаргасан' },
  decidedAt: { en: 'Decided at', mn: 'Шийдвэр гаргасан цаг' },

  usedTitle: { en: 'This link has already been used', mn: 'Энэ холбоосыг аль хэдийн ашигласан' },
  usedText: { en: 'Each link works once. Nothing was changed this time.', mn: 'Холбоос бүр зөвхөн нэг удаа ажиллана. Энэ удаад юу ч өөрчлөгдсөнгүй.' },
  usedBy: { en: 'Used by', mn: 'Ашигласан' },
  usedAt: { en: 'Used at', mn: 'Ашигласан цаг' },

  expiredTitle: { en: 'This link has expired', mn: 'Энэ холбоосын хугацаа дууссан' },
  expiredText: { en: 'Nothing was changed. Please open the proposal in Accord to act on it.', mn: 'Юу ч өөрчлөгдсөнгүй. Санал дээр шийдвэр гаргахын тулд Accord системд нэвтэрнэ үү.' },
  expiredAt: { en: 'Valid until', mn: 'Хүчинтэй байсан хугацаа' },

  revokedTitle: { en: 'This link is no longer valid', mn: 'Энэ холбоос хүчингүй болсон' },
  revokedText: { en: 'Nothing was changed.', mn: 'Юу ч өөрчлөгдсөнгүй.' },
  revoked_reassigned: { en: 'The task was reassigned or delegated to someone else.', mn: 'Даалгаврыг өөр хүнд шилжүүлсэн буюу төлөөлүүлсэн байна.' },
  revoked_task_closed: { en: 'The task has been closed.', mn: 'Даалгавар хаагдсан байна.' },
  revoked_withdrawn: { en: 'The proposal was withdrawn.', mn: 'Саналыг буцаан татсан байна.' },
  revoked_not_delivered: { en: 'This link was replaced by one in a newer email.', mn: 'Энэ холбоосыг шинэ имэйлээр ирсэн холбоосоор сольсон байна.' },
  revoked_other: { en: 'The task changed since the email was sent.', mn: 'Имэйл илгээснээс хойш даалгавар өөрчлөгдсөн байна.' },

  invalidTitle: { en: 'This link is not valid', mn: 'Энэ холбоос буруу байна' },
  invalidText: {
    en: 'Please check that you opened the whole link from the email. Nothing was changed.',
    mn: 'Имэйл дэх холбоосыг бүтнээр нь нээсэн эсэхээ шалгана уу. Юу ч өөрчлөгдсөнгүй.',
  },

  formExpiredTitle: { en: 'This form has expired', mn: 'Энэ маягтын хугацаа дууссан' },
  formExpiredText: {
    en: 'For your safety the confirmation must come from the page this link opens. Nothing was changed.',
    mn: 'Аюулгүй байдлын үүднээс баталгаажуулалтыг энэ холбоосын нээсэн хуудаснаас хийх ёстой. Юу ч өөрчлөгдсөнгүй.',
  },
  openAgain: { en: 'Open the confirmation page again', mn: 'Баталгаажуулах хуудсыг дахин нээх' },

  unavailableTitle: { en: 'Your decision could not be recorded right now', mn: 'Таны шийдвэрийг одоогоор бүртгэж чадсангүй' },
  unavailableText: {
    en: 'Nothing was changed and your link still works. Please try again in a few minutes.',
    mn: 'Юу ч өөрчлөгдсөнгүй, таны холбоос хүчинтэй хэвээр байна. Хэдэн минутын дараа дахин оролдоно уу.',
  },

  notAllowedTitle: { en: 'This decision cannot be recorded now', mn: 'Энэ шийдвэрийг одоо бүртгэх боломжгүй' },
  notAllowedText: { en: 'Nothing was changed.', mn: 'Юу ч өөрчлөгдсөнгүй.' },

  footer: { en: 'Accord, the approval system of the International Cooperation Division', mn: 'Олон улсын хамтын ажиллагааны хэлтсийн шийдвэрийн Accord систем' },
} satisfies Record<string, Localized>;

export type PageStringKey = keyof typeof PAGE_STRINGS;
