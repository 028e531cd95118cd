import { useState } from 'preact/hooks';
import { post, requestId } from '../../api';
import { FieldError, invalidProps } from '../../components/FieldErrors';
import { todayUb } from '../../format';
import { language, t } from '../../i18n';
import { useSignal } from '../../state';
import type { ProposalStatus } from '../../types';
import { ActionResult, Outcome, required, Settle, useStageAction } from './stage-action';

type CabinetOutcome = 'approved' | 'returned' | 'rejected';
const OUTCOMES: CabinetOutcome[] = ['approved', 'returned', 'rejected'];

/** CABINET_REVIEW: the owner records what the Cabinet decided (approved with its resolution, returned or rejected with remarks). */
export function CabinetOutcomeForm(props: { proposal: ProposalStatus; settle: Settle }) {
  useSignal(language);
  const [outcome, setOutcome] = useState<CabinetOutcome>('approved');
  const [resolutionNumber, setNumber] = useState('');
  const [resolutionDate, setDate] = useState('');
  const [remarks, setRemarks] = useState('');
  const action = useStageAction(props.settle, ['outcome', 'resolutionNumber', 'resolutionDate', 'remarks']);
  const msg = { number: action.messages('resolutionNumber'), date: action.messages('resolutionDate'), remarks: action.messages('remarks') };
  const approved = outcome === 'approved';

  function save(e: Event) {
    e.preventDefault();
    const missing = approved
      ? [...(resolutionNumber.trim() ? [] : [required('resolutionNumber')]), ...(resolutionDate ? [] : [required('resolutionDate')])]
      : remarks.trim()
        ? []
        : [required('remarks')];
    if (missing.length) return action.refuse(missing);
    void action.run(() =>
      post<ActionResult>(`/proposals/${props.proposal.id}/cabinet-outcome`, {
        requestId: requestId(),
        outcome,
        ...(approved ? { resolutionNumber: resolutionNumber.trim(), resolutionDate } : {}),
        ...(remarks.trim() ? { remarks: remarks.trim() } : {}),
      }),
    );
  }

  return (
    <form class="panel stack stage-form" data-testid="cabinet-outcome" onSubmit={save} noValidate>
      <h2>{t('cabinetOutcomeTitle')}</h2>
      <fieldset class="choice">
        <legend>{t('cabinetDecided')}</legend>
        {OUTCOMES.map((o) => (
          <label class="inline">
            <input type="radio" name="cabinet-outcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} />
            {t(`cabinet_${o}`)}
          </label>
        ))}
      </fieldset>
      {approved && (
        <div class="row">
          <label>
            {t('resolutionNumber')}
            <input name="resolutionNumber" maxLength={64} value={resolutionNumber} onInput={(e) => setNumber(e.currentTarget.value)} {...invalidProps('resolutionNumber', msg.number)} />
            <FieldError field="resolutionNumber" messages={msg.number} />
          </label>
          <label>
            {t('resolutionDate')}
            <input type="date" name="resolutionDate" max={todayUb()} value={resolutionDate} onInput={(e) => setDate(e.currentTarget.value)} {...invalidProps('resolutionDate', msg.date)} />
            <FieldError field="resolutionDate" messages={msg.date} />
          </label>
        </div>
      )}
      <label>
        {approved ? t('outcomeRemarksOptional') : t('outcomeRemarksRequired')}
        <textarea name="cabinet-remarks" rows={3} maxLength={4000} value={remarks} onInput={(e) => setRemarks(e.currentTarget.value)} {...invalidProps('cabinet-remarks', msg.remarks)} />
        <FieldError field="cabinet-remarks" messages={msg.remarks} />
      </label>
      {!approved && <p class="muted small">{outcome === 'returned' ? t('cabinetReturnedHelp') : t('outcomeRejectedHelp')}</p>}
      <div class="actions">
        <button type="submit" class={outcome === 'rejected' ? 'danger' : ''} disabled={action.busy} data-testid="save-cabinet-outcome">
          {t('recordOutcome')}
        </button>
      </div>
      <Outcome message={action.message} testId="cabinet-outcome-result" />
    </form>
  );
}
