import { ProcessDefinition } from '../process/process-definition';
import { LONG_LADDER, STANDARD_LADDER } from '../process/standard-ladders';

/**
 * Accession to an international convention, version 1. Durations are in days; tests scale them down through the
 * workflow's time scale, never by editing this data.
 */
export const ACCESSION_V1: ProcessDefinition = {
  kind: 'accession',
  version: 'accession-v1',
  initialStage: 'DRAFT',
  completedStage: 'COMPLETED',
  documentKinds: [
    { code: 'convention_text', name: { en: 'Original convention text', mn: 'Конвенцийн эх бичвэр' } },
    { code: 'translation', name: { en: 'Mongolian translation', mn: 'Монгол орчуулга' } },
    { code: 'research_report', name: { en: 'Research report', mn: 'Судалгааны тайлан' } },
    { code: 'coordination_comments', name: { en: 'Comments table', mn: 'Санал, хариуны хүснэгт' } },
    { code: 'cabinet_resolution', name: { en: 'Cabinet resolution', mn: 'Засгийн газрын тогтоол' } },
    { code: 'law', name: { en: 'Law of ratification', mn: 'Соёрхон батлах тухай хууль' } },
    { code: 'instrument_of_accession', name: { en: 'Instrument of accession', mn: 'Нэгдэн орох баримт бичиг' } },
    { code: 'other', name: { en: 'Other', mn: 'Бусад' } },
  ],
  stages: [
    {
      code: 'DRAFT',
      name: { en: 'Draft', mn: 'Төсөл' },
      work: {
        action: 'submit',
        label: { en: 'Submit', mn: 'Илгээх' },
        requiredDocuments: ['convention_text'],
        requiredFields: ['conventionCode'],
      },
      next: 'TRANSLATION',
      slaDays: 30,
      reminders: STANDARD_LADDER,
    },
    {
      code: 'TRANSLATION',
      name: { en: 'Translation into Mongolian', mn: 'Монгол хэлнээ орчуулах' },
      work: {
        action: 'complete_work',
        label: { en: 'Translation done', mn: 'Орчуулга дууссан' },
        requiredDocuments: ['translation'],
        requiredFields: [],
      },
      approval: { chain: ['division_head'], approveLabel: { en: 'Translation accepted', mn: 'Орчуулгыг хүлээн авсан' } },
      next: 'RESEARCH',
      slaDays: 60,
      reminders: LONG_LADDER,
    },
    {
      code: 'RESEARCH',
      name: { en: 'Research and impact analysis', mn: 'Судалгаа, үр нөлөөний шинжилгээ' },
      work: {
        action: 'complete_work',
        label: { en: 'Research report done', mn: 'Судалгааны тайлан бэлэн' },
        requiredDocuments: ['research_report'],
        requiredFields: [],
      },
      approval: { chain: ['division_head'], approveLabel: { en: 'Research accepted', mn: 'Судалгааг хүлээн авсан' } },
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
      name: { en: 'Cabinet review', mn: 'Засгийн газрын хуралдаан' },
      work: {
        action: 'cabinet_outcome',
        label: { en: 'Record Cabinet outcome', mn: 'Засгийн газрын шийдвэрийг бүртгэх' },
        requiredDocuments: [],
        requiredFields: [],
      },
      next: 'PARLIAMENT',
      returnTo: 'COORDINATION',
      slaDays: 90,
      reminders: LONG_LADDER,
    },
    {
      code: 'PARLIAMENT',
      name: { en: 'Parliament ratification', mn: 'Улсын Их Хурлаар соёрхон батлуулах' },
      work: {
        action: 'parliament_outcome',
        label: { en: 'Record Parliament outcome', mn: 'УИХ-ын шийдвэрийг бүртгэх' },
        requiredDocuments: [],
        requiredFields: [],
      },
      next: 'DEPOSIT',
      returnTo: 'CABINET_REVIEW',
      slaDays: 180,
      reminders: LONG_LADDER,
    },
    {
      code: 'DEPOSIT',
      name: { en: 'Deposit of the instrument', mn: 'Нэгдэн орох баримт бичгийг хадгалуулах' },
      work: {
        action: 'deposit',
        label: { en: 'Record deposit', mn: 'Хадгалуулсныг бүртгэх' },
        requiredDocuments: [],
        requiredFields: [],
      },
      next: 'IMPLEMENTATION',
      slaDays: 60,
      reminders: LONG_LADDER,
    },
    {
      code: 'IMPLEMENTATION',
      name: { en: 'Implementation', mn: 'Хэрэгжүүлэлт' },
      work: {
        action: 'implementation',
        label: { en: 'Implementation items', mn: 'Хэрэгжүүлэх арга хэмжээ' },
        requiredDocuments: [],
        requiredFields: [],
      },
      next: 'COMPLETED',
      slaDays: 365,
      reminders: LONG_LADDER,
    },
  ],
};
