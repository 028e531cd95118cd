import { ProcessDefinition } from '../process/process-definition';
import { LONG_LADDER, STANDARD_LADDER } from '../process/standard-ladders';

/**
 * A bilateral intergovernmental agreement or inter-agency memorandum of understanding, version 1. Which stages an
 * instrument passes through is data: only intergovernmental agreements go to the Cabinet for approval to sign,
 * and only instruments that say so are ratified. IN_FORCE lasts until termination or expiry; its reminders,
 * annual reviews and renewals come from the agreement's own terms (agreement-life.ts).
 */
export const AGREEMENT_V1: ProcessDefinition = {
  kind: 'agreement',
  version: 'agreement-v1',
  initialStage: 'DRAFT',
  completedStage: 'TERMINATED',
  otherEnds: ['EXPIRED'],
  documentKinds: [
    { code: 'draft_text', name: { en: 'Draft text', mn: 'Төслийн эх' } },
    { code: 'text_mn', name: { en: 'Text in Mongolian', mn: 'Монгол хэл дээрх эх' } },
    { code: 'text_counterpart', name: { en: "Text in the counterpart's language", mn: 'Нөгөө талын хэл дээрх эх' } },
    { code: 'text_en', name: { en: 'Text in English', mn: 'Англи хэл дээрх эх' } },
    { code: 'coordination_comments', name: { en: 'Comments table', mn: 'Санал, хариуны хүснэгт' } },
    { code: 'cabinet_resolution', name: { en: 'Cabinet resolution', mn: 'Засгийн газрын тогтоол' } },
    { code: 'full_powers', name: { en: 'Full powers', mn: 'Бүрэн эрхийн үнэмлэх' } },
    { code: 'signed_text', name: { en: 'Signed text', mn: 'Гарын үсэг зурсан эх' } },
    { code: 'ratification_act', name: { en: 'Act of ratification', mn: 'Соёрхон баталсан акт' } },
    { code: 'diplomatic_note', name: { en: 'Diplomatic note', mn: 'Дипломат нот' } },
    { code: 'annual_review_report', name: { en: 'Annual review report', mn: 'Жилийн хяналтын тайлан' } },
    { code: 'termination_note', name: { en: 'Notice of termination', mn: 'Цуцлах тухай мэдэгдэл' } },
    { code: 'other', name: { en: 'Other', mn: 'Бусад' } },
  ],
  stages: [
    {
      code: 'DRAFT',
      name: { en: 'Draft', mn: 'Төсөл' },
      work: {
        action: 'submit',
        label: { en: 'Start negotiations', mn: 'Хэлэлцээ эхлүүлэх' },
        requiredDocuments: [],
        requiredFields: ['counterpartCountry', 'counterpartAuthority', 'instrumentType', 'subject', 'requiresRatification'],
      },
      next: 'NEGOTIATION',
      slaDays: 30,
      reminders: STANDARD_LADDER,
    },
    {
      code: 'NEGOTIATION',
      name: { en: 'Negotiation', mn: 'Хэлэлцээ' },
      work: {
        action: 'complete_work',
        label: { en: 'Text agreed', mn: 'Эхийг тохиролцсон' },
        requiredDocuments: ['draft_text'],
        requiredFields: [],
      },
      next: 'TRANSLATION',
      slaDays: 365,
      reminders: LONG_LADDER,
    },
    {
      code: 'TRANSLATION',
      name: { en: 'Translation and equivalence', mn: 'Орчуулга, эхийн нийцэл' },
      work: {
        action: 'complete_work',
        label: { en: 'Texts ready', mn: 'Эхүүд бэлэн' },
        requiredDocuments: ['text_mn', 'text_counterpart', 'text_en'],
        requiredFields: [],
      },
      approval: { chain: ['legal'], approveLabel: { en: 'Texts equivalent', mn: 'Эхүүд нийцсэн' } },
      next: 'COORDINATION',
      slaDays: 60,
      reminders: LONG_LADDER,
    },
    {
      code: 'COORDINATION',
      name: { en: 'Coordination with ministries', mn: 'Яамдтай зөвшилцөх' },
      work: {
        action: 'complete_work',
        label: { en: 'All remarks answered', mn: 'Бүх саналд хариу өгсөн' },
        requiredDocuments: [],
        requiredFields: [],
      },
      next: 'INTERNAL_REVIEW',
      slaDays: 45,
      reminders: LONG_LADDER,
    },
    {
      code: 'INTERNAL_REVIEW',
      name: { en: 'Internal approvals', mn: 'Дотоод хянан батлалт' },
      approval: {
        chain: ['division_head', 'legal', 'deputy_commissioner', 'commissioner_general'],
        approveLabel: { en: 'Approve', mn: 'Зөвшөөрөх' },
      },
      next: 'CABINET_REVIEW',
      slaDays: 10,
      reminders: STANDARD_LADDER,
    },
    {
      code: 'CABINET_REVIEW',
      name: { en: 'Cabinet approval to sign', mn: 'Засгийн газраас гарын үсэг зурах зөвшөөрөл' },
      appliesWhen: { field: 'instrumentType', in: ['intergovernmental'] },
      work: {
        action: 'cabinet_outcome',
        label: { en: 'Record Cabinet outcome', mn: 'Засгийн газрын шийдвэрийг бүртгэх' },
        requiredDocuments: [],
        requiredFields: [],
      },
      next: 'SIGNATURE',
      returnTo: 'COORDINATION',
      slaDays: 90,
      reminders: LONG_LADDER,
    },
    {
      code: 'SIGNATURE',
      name: { en: 'Signature', mn: 'Гарын үсэг зурах' },
      work: {
        action: 'record_signature',
        label: { en: 'Record signature', mn: 'Гарын үсэг зурсныг бүртгэх' },
        requiredDocuments: [],
        requiredFields: [],
      },
      next: 'RATIFICATION',
      slaDays: 120,
      reminders: LONG_LADDER,
    },
    {
      code: 'RATIFICATION',
      name: { en: 'Ratification', mn: 'Соёрхон батлах' },
      appliesWhen: { field: 'requiresRatification', in: ['yes'] },
      work: {
        action: 'record_ratification',
        label: { en: 'Record ratification', mn: 'Соёрхон баталсныг бүртгэх' },
        requiredDocuments: [],
        requiredFields: [],
      },
      next: 'IN_FORCE',
      slaDays: 180,
      reminders: LONG_LADDER,
    },
    {
      code: 'IN_FORCE',
      name: { en: 'In force', mn: 'Хүчин төгөлдөр' },
      next: 'TERMINATED',
      slaDays: 0,
      // The annual review task's ladder (its due date is the anniversary plus AGREEMENT_LIFE_V1.annualReviewDueDays).
      reminders: { beforeDueDays: [7, 1], escalateAfterDays: [{ afterDays: 14, to: 'supervisor' }] },
    },
  ],
};

export const AGREEMENT_DEFINITIONS: Record<string, ProcessDefinition> = { [AGREEMENT_V1.version]: AGREEMENT_V1 };
