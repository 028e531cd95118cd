import { useState } from 'preact/hooks';
import { CONVENTIONS_V1 } from '../../../../libs/domain/conventions/conventions.v1';
import type { ConventionDefinition } from '../../../../libs/domain/conventions/convention-definition';
import { post, requestId } from '../../api';
import { FieldError, invalidProps } from '../../components/FieldErrors';
import { todayUb } from '../../format';
import { language, loc, t } from '../../i18n';
import { useSignal } from '../../state';
import type { AccessionDetails, ProposalStatus } from '../../types';
import { ActionResult, Outcome, required, Settle, useStageAction } from './stage-action';

type ParliamentOutcome = 'ratified' | 'returned' | 'rejected';
const OUTCOMES: ParliamentOutcome[] = ['ratified', 'returned', 'rejected'];

/** The catalogued convention a proposal accedes to (its annexes, whether it permits reservations), if any. */
export function conventionOf(p: ProposalStatus): ConventionDefinition | null {
  const code = (p.details as AccessionDetails).fields?.conventionCode;
  return CONVENTIONS_V1.conventions.find((c) => c.code === code) ?? null;
}

/**
 * PARLIAMENT: the owner records the outcome. Ratified: the law's number and date, the annexes accepted (the
 * convention's mandatory ones always are) and any reservations, where the convention permits them.
 */
export function ParliamentOutcomeForm(props: { proposal: ProposalStatus; settle: Settle }) {
  useSignal(language);
  const convention = conventionOf(props.proposal);
  const annexes = convention?.annexes ?? [];
  const [outcome, setOutcome] = useState<ParliamentOutcome>('ratified');
  const [lawNumber, setNumber] = useState('');
  const [lawDate, setDate] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [reservations, setReservations] = useState('');
  const [remarks, setRemarks] = useState('');
  const action = useStageAction(props.settle, ['outcome', 'lawNumber', 'lawDate', 'annexesAccepted', 'reservations', 'remarks']);
  const msg = {
    number: action.messages('lawNumber'),
    date: action.messages('lawDate'),
    annexes: action.messages('annexesAccepted'),
    reservations: action.messages('reservations'),
    remarks: action.messages('remarks'),
  };
  const ratified = outcome === 'ratified';
  const toggle = (code: string, on: boolean) => setChosen(on ? [...chosen, code] : chosen.filter((c) => c !== code));

  function save(e: Event) {
    e.preventDefault();
    const missing = ratified
      ? [...(lawNumber.trim() ? [] : [required('lawNumber')]), ...(lawDate ? [] : [required('lawDate')])]
      : remarks.trim()
        ? []
        : [required('remarks')];
    if (missing.length) return action.refuse(missing);
    // The mandatory annexes are accepted with the convention itself: listed too, so the record names every one.
    const annexesAccepted = annexes.filter((a) => a.mandatory || chosen.includes(a.code)).map((a) => a.code);
    const reserved = reservations
      .split('\n')
      .map((r) => r.trim())
      .filter(Boolean);
    void action.run(() =>
      post<ActionResult>(`/proposals/${props.proposal.id}/parliament-outcome`, {
        requestId: requestId(),
        outcome,
        ...(ratified ? { lawNumber: lawNumber.trim(), lawDate, annexesAccepted, reservations: reserved } : {}),
        ...(remarks.trim() ? { remarks: remarks.trim() } : {}),
      }),
    );
  }

  return (
    <form class="panel stack stage-form" data-testid="parliament-outcome" onSubmit={save} noValidate>
      <h2>{t('parliamentOutcomeTitle')}</h2>
      <fieldset class="choice">
        <legend>{t('parliamentDecided')}</legend>
        {OUTCOMES.map((o) => (
          <label class="inline">
            <input type="radio" name="parliament-outcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} />
            {t(`parliament_${o}`)}
          </label>
        ))}
      </fieldset>
      {ratified && (
        <>
          <div class="row">
            <label>
              {t('lawNumber')}
              <input name="lawNumber" maxLength={64} value={lawNumber} onInput={(e) => setNumber(e.currentTarget.value)} {...invalidProps('lawNumber', msg.number)} />
              <FieldError field="lawNumber" messages={msg.number} />
            </label>
            <label>
              {t('lawDate')}
              <input type="date" name="lawDate" max={todayUb()} value={lawDate} onInput={(e) => setDate(e.currentTarget.value)} {...invalidProps('lawDate', msg.date)} />
              <FieldError field="lawDate" messages={msg.date} />
            </label>
          </div>
          {annexes.length > 0 && (
            <fieldset data-testid="annex-choice" {...invalidProps('annexesAccepted', msg.annexes)}>
              <legend>{t('annexesAccepted')}</legend>
              {convention && convention.minimumOptionalAnnexes > 0 && <p class="hint">{t('annexMinimum', { n: convention.minimumOptionalAnnexes })}</p>}
              {annexes.map((a) => (
                <label class="inline">
                  <input type="checkbox" name="annexesAccepted" value={a.code} checked={a.mandatory || chosen.includes(a.code)} disabled={a.mandatory} onChange={(e) => toggle(a.code, e.currentTarget.checked)} />
                  <span>
                    {loc(a.title)}
                    {a.mandatory && <span class="badge">{t('mandatoryAnnex')}</span>}
                  </span>
                </label>
              ))}
              <FieldError field="annexesAccepted" messages={msg.annexes} />
            </fieldset>
          )}
          {convention?.reservations.allowed !== false ? (
            <label>
              {t('reservationsInput')}
              {convention && <span class="hint">{loc(convention.reservations.scope)}</span>}
              <textarea name="reservations" rows={3} value={reservations} onInput={(e) => setReservations(e.currentTarget.value)} {...invalidProps('reservations', msg.reservations)} />
              <FieldError field="reservations" messages={msg.reservations} />
            </label>
          ) : (
            <p class="muted small" data-testid="no-reservations">
              {t('reservations')}: {loc(convention.reservations.scope)}
            </p>
          )}
        </>
      )}
      <label>
        {ratified ? t('outcomeRemarksOptional') : t('outcomeRemarksRequired')}
        <textarea name="parliament-remarks" rows={3} maxLength={4000} value={remarks} onInput={(e) => setRemarks(e.currentTarget.value)} {...invalidProps('parliament-remarks', msg.remarks)} />
        <FieldError field="parliament-remarks" messages={msg.remarks} />
      </label>
      {!ratified && <p class="muted small">{outcome === 'returned' ? t('parliamentReturnedHelp') : t('outcomeRejectedHelp')}</p>}
      <div class="actions">
        <button type="submit" class={outcome === 'rejected' ? 'danger' : ''} disabled={action.busy} data-testid="save-parliament-outcome">
          {t('recordOutcome')}
        </button>
      </div>
      <Outcome message={action.message} testId="parliament-outcome-result" />
    </form>
  );
}
