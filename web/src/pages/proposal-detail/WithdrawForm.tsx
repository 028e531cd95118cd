import { useState } from 'preact/hooks';
import { post, requestId } from '../../api';
import { FieldError, invalidProps } from '../../components/FieldErrors';
import { language, t } from '../../i18n';
import { useSignal } from '../../state';
import type { ProposalStatus } from '../../types';
import { ActionResult, Outcome, Settle, useStageAction } from './stage-action';

/** The owner (or an admin) withdraws an open proposal, with a reason; its open tasks are cancelled. */
export function WithdrawForm(props: { proposal: ProposalStatus; settle: Settle }) {
  useSignal(language);
  const [reason, setReason] = useState('');
  const action = useStageAction(props.settle, ['reason']);
  const why = action.messages('reason');
  return (
    <details class="panel danger-zone" data-testid="withdraw">
      <summary>{t('withdrawProposal')}</summary>
      <form
        class="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (reason.trim().length < 3) return action.refuse([{ field: 'reason', reason: 'Give a reason (at least 3 characters).', reasonMn: 'Шалтгаанаа бичнэ үү (дор хаяж 3 тэмдэгт).' }]);
          void action.run(() => post<ActionResult>(`/proposals/${props.proposal.id}/withdraw`, { requestId: requestId(), reason: reason.trim() }));
        }}
      >
        <p class="muted small">{t('withdrawHelp')}</p>
        <label>
          {t('withdrawReason')}
          <textarea name="withdraw-reason" rows={2} maxLength={4000} value={reason} onInput={(e) => setReason(e.currentTarget.value)} {...invalidProps('withdraw-reason', why)} />
          <FieldError field="withdraw-reason" messages={why} />
        </label>
        <div class="actions">
          <button type="submit" class="danger" disabled={action.busy} data-testid="confirm-withdraw">
            {t('confirmWithdraw')}
          </button>
        </div>
        <Outcome message={action.message} testId="withdraw-outcome" />
      </form>
    </details>
  );
}
