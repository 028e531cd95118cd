import { useState } from 'preact/hooks';
import { post, requestId } from '../../api';
import { FieldError } from '../../components/FieldErrors';
import { language, loc, t } from '../../i18n';
import { roleName } from '../../task-labels';
import { personName } from '../../people';
import { useSignal } from '../../state';
import type { Person, ProposalStatus } from '../../types';
import { OnePersonPicker } from './ActionItemsPanel';
import { ActionResult, Outcome, required, Settle, useStageAction } from './stage-action';


/** A division head or an admin gives an open task to someone else (the owner never gets an approval of their own proposal). */
export function TaskReassignForm(props: { proposal: ProposalStatus; settle: Settle }) {
  useSignal(language);
  const open = props.proposal.tasks.filter((x) => x.status === 'open');
  const [taskId, setTaskId] = useState(open[0]?.id ?? '');
  const [person, setPerson] = useState<Person | null>(null);
  const action = useStageAction(props.settle, ['assigneeId']);
  const msg = action.messages('assigneeId');
  if (!open.length) return null;
  const chosen = open.find((x) => x.id === taskId) ?? open[0];

  return (
    <details class="panel" data-testid="reassign-task">
      <summary>{t('reassignTask')}</summary>
      <form
        class="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!person) return action.refuse([required('assigneeId')]);
          void action.run(() => post<ActionResult>(`/proposals/${props.proposal.id}/tasks/${encodeURIComponent(chosen.id)}/reassign`, { requestId: requestId(), assigneeId: person.id }));
        }}
      >
        <label>
          {t('task')}
          <select name="reassign-task" value={chosen.id} onChange={(e) => setTaskId(e.currentTarget.value)}>
            {open.map((x) => (
              <option value={x.id}>
                {loc(x.stageName)} · {roleName(x.role)} · {personName(x.assignee)}
              </option>
            ))}
          </select>
        </label>
        <div>
          <span class="hint">{t('newAssignee')}</span>
          <OnePersonPicker id="task-assignee" label={t('newAssignee')} person={person} onChange={setPerson} invalid={msg.length > 0} describedBy={msg.length ? 'error-task-assignee' : undefined} />
          <FieldError field="task-assignee" messages={msg} />
        </div>
        <div class="actions">
          <button type="submit" class="secondary" disabled={action.busy} data-testid="save-reassign-task">
            {t('reassign')}
          </button>
        </div>
        <Outcome message={action.message} testId="reassign-task-outcome" />
      </form>
    </details>
  );
}
