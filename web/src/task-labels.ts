import { DECISION_LABELS } from '../../libs/domain/process/decision-labels';
import { hasKey, loc, t, type Bilingual } from './i18n';

/** How a closed task ended, in words, beyond the approvers' decisions (the engine's own closing reasons). */
const TASK_OUTCOMES: Record<string, Bilingual> = {
  ...DECISION_LABELS,
  complete_work: { en: 'Work done', mn: 'Ажил дууссан' },
  submit: { en: 'Submitted', mn: 'Илгээсэн' },
  deposit: { en: 'Deposit recorded', mn: 'Хадгалуулсныг бүртгэсэн' },
  completed: { en: 'Completed', mn: 'Дууссан' },
  sent_back: { en: 'Sent back', mn: 'Буцаагдсан' },
  rejected: { en: 'Rejected', mn: 'Татгалзсан' },
  expired: { en: 'Expired', mn: 'Хугацаа дууссан' },
  terminated: { en: 'Terminated', mn: 'Цуцлагдсан' },
  signed: { en: 'Signed', mn: 'Гарын үсэг зурсан' },
  ratified: { en: 'Ratified', mn: 'Соёрхон баталсан' },
  entered_into_force: { en: 'Entered into force', mn: 'Хүчин төгөлдөр болсон' },
  complete_annual_review: { en: 'Annual review done', mn: 'Жилийн хяналт хийсэн' },
  open: { en: 'Open', mn: 'Нээлттэй' },
  done: { en: 'Done', mn: 'Хийгдсэн' },
};

/** A role as people read it; a code nobody has named yet shows as it is rather than as nothing. */
export function roleName(role: string): string {
  if (role === 'owner') return t('owner');
  const key = `role_${role}`;
  return hasKey(key) ? t(key) : role;
}

/** A task's outcome: the decision that closed it, else its status. */
export function taskOutcome(task: { decision?: string | null; status: string }): string {
  const code = task.decision ?? task.status;
  const label = TASK_OUTCOMES[code];
  return label ? loc(label) : code;
}
