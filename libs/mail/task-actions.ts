import { Localized } from './language';

/** One action an emailed task offers, as the workflow describes it (no link yet). */
export interface ActionChoice {
  /** The action name the workflow understands: approve, request_changes, reject, or a stage's own. */
  action: string;
  /** Button text; required for a stage's own actions, defaulted for the standard three. */
  label?: Localized;
  /** Whether the confirmation form insists on a comment; defaulted for the standard three. */
  commentRequired?: boolean;
}

export interface ResolvedActionChoice {
  action: string;
  label: Localized;
  commentRequired: boolean;
  tone: 'primary' | 'neutral' | 'danger';
}

/** The approval decisions every stage understands. Reject and request-changes must say why. */
export const STANDARD_ACTIONS: Record<string, Omit<ResolvedActionChoice, 'action'>> = {
  approve: { label: { mn: 'Батлах', en: 'Approve' }, commentRequired: false, tone: 'primary' },
  request_changes: { label: { mn: 'Засвар хүсэх', en: 'Request changes' }, commentRequired: true, tone: 'neutral' },
  reject: { label: { mn: 'Татгалзах', en: 'Reject' }, commentRequired: true, tone: 'danger' },
};

export class UnknownActionError extends Error {
  constructor(readonly action: string) {
    super(`action "${action}" has no label: a stage's own action must come with its mn and en labels`);
    this.name = 'UnknownActionError';
  }
}

/** Fills in labels and the comment rule; a stage's own action without labels is a data error. */
export function resolveActionChoice(choice: ActionChoice): ResolvedActionChoice {
  const standard = STANDARD_ACTIONS[choice.action];
  const label = choice.label ?? standard?.label;
  if (!label) throw new UnknownActionError(choice.action);
  return {
    action: choice.action,
    label,
    commentRequired: choice.commentRequired ?? standard?.commentRequired ?? false,
    tone: standard?.tone ?? 'primary',
  };
}
