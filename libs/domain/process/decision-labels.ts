import { Bilingual } from './process-definition';

/** How a decision on a proposal reads to people (emails, pages), keyed by the engine's decision names. */
export const DECISION_LABELS: Record<string, Bilingual> = {
  approve: { en: 'Approved', mn: 'Зөвшөөрсөн' },
  request_changes: { en: 'Changes requested', mn: 'Засвар хүссэн' },
  reject: { en: 'Rejected', mn: 'Татгалзсан' },
  cabinet_approved: { en: 'Approved by the Cabinet', mn: 'Засгийн газар дэмжсэн' },
  cabinet_returned: { en: 'Returned by the Cabinet', mn: 'Засгийн газар буцаасан' },
  cabinet_rejected: { en: 'Rejected by the Cabinet', mn: 'Засгийн газар татгалзсан' },
  parliament_ratified: { en: 'Ratified by Parliament', mn: 'УИХ соёрхон баталсан' },
  parliament_returned: { en: 'Returned by Parliament', mn: 'УИХ буцаасан' },
  parliament_rejected: { en: 'Rejected by Parliament', mn: 'УИХ татгалзсан' },
  withdrawn: { en: 'Withdrawn', mn: 'Буцаан татсан' },
  cancelled: { en: 'Cancelled', mn: 'Цуцалсан' },
};
