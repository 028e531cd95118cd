import { useState } from 'preact/hooks';
import { isIsoDate } from '../../../../libs/domain/calendar/iso-date';
import { entryIntoForceDate } from '../../../../libs/domain/conventions/entry-into-force';
import { post, requestId } from '../../api';
import { FieldError, invalidProps } from '../../components/FieldErrors';
import { todayUb } from '../../format';
import { language, loc, t } from '../../i18n';
import { useSignal } from '../../state';
import type { EntryIntoForce, ProposalStatus } from '../../types';
import { conventionOf } from './ParliamentOutcomeForm';
import { ActionResult, Outcome, required, Settle, useStageAction } from './stage-action';

/**
 * DEPOSIT: the owner records the date the instrument was deposited with the depositary. Until then the page shows
 * the forecast (if deposited today); the form shows the date that follows from the date typed in, by the
 * convention's own rule (the workflow fixes it from the same rule).
 */
export function DepositForm(props: { proposal: ProposalStatus; entryIntoForce: EntryIntoForce | null; settle: Settle }) {
  useSignal(language);
  const convention = conventionOf(props.proposal);
  const [depositDate, setDate] = useState('');
  const action = useStageAction(props.settle, ['depositDate']);
  const msg = action.messages('depositDate');
  let follows: string | null = null;
  try {
    follows = convention && isIsoDate(depositDate) ? entryIntoForceDate(convention.entryIntoForce, depositDate) : null;
  } catch {
    follows = null;
  }

  return (
    <form
      class="panel stack stage-form"
      data-testid="deposit-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!depositDate) return action.refuse([required('depositDate')]);
        void action.run(() => post<ActionResult>(`/proposals/${props.proposal.id}/deposit`, { requestId: requestId(), depositDate }));
      }}
    >
      <h2>{t('depositTitle')}</h2>
      {convention && <p class="muted small">{t('depositary', { who: loc(convention.depositary) })}</p>}
      {props.entryIntoForce?.status === 'forecast' && (
        <p class="notice" data-testid="deposit-forecast">
          {loc(props.entryIntoForce.label)}
        </p>
      )}
      <label>
        {t('depositDate')}
        <input type="date" name="depositDate" max={todayUb()} value={depositDate} onInput={(e) => setDate(e.currentTarget.value)} {...invalidProps('depositDate', msg)} />
        <FieldError field="depositDate" messages={msg} />
      </label>
      {follows && (
        <p class="muted small" data-testid="deposit-preview">
          {t('depositFollows', { date: follows })}
        </p>
      )}
      <div class="actions">
        <button type="submit" disabled={action.busy} data-testid="save-deposit">
          {t('recordDeposit')}
        </button>
      </div>
      <Outcome message={action.message} testId="deposit-result" />
    </form>
  );
}
