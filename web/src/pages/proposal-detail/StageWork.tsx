import { get } from '../../api';
import { useAsync } from '../../components/Async';
import { language } from '../../i18n';
import { useSignal } from '../../state';
import type { ProposalApiDetail, ProposalStatus } from '../../types';
import { AccessionRecord } from './AccessionRecord';
import { ActionItemsPanel } from './ActionItemsPanel';
import { CabinetOutcomeForm } from './CabinetOutcomeForm';
import { DepositForm } from './DepositForm';
import { DraftEditForm } from './DraftEditForm';
import { ParliamentOutcomeForm } from './ParliamentOutcomeForm';
import { RemarksPanel } from './RemarksPanel';
import { Settle, stageWorkAction, viewerOf } from './stage-action';
import { TaskReassignForm } from './TaskReassignForm';
import { WithdrawForm } from './WithdrawForm';

/**
 * The stage work of a proposal other than a trip, each in its own panel: what the current stage asks for, offered
 * only to whoever may do it now (the owner or an admin; an action item's holder; a division head or admin for task
 * reassignment), and what the earlier stages left on record. The workflow has the last word on every action; a
 * refusal is shown next to the field it concerns.
 */
export function StageWork(props: { proposal: ProposalStatus; settle: Settle }) {
  useSignal(language);
  const p = props.proposal;
  const viewer = viewerOf(p);
  const accession = p.kind === 'accession';
  // Entry into force (forecast or fixed) is on the proposal API's own detail; it follows every new event.
  const api = useAsync(() => (accession ? get<ProposalApiDetail>(`/proposals/${p.id}`) : Promise.resolve(null)), [p.id, p.eventSeq, accession]);
  const eif = api.data?.entryIntoForce ?? null;
  const work = p.status === 'open' ? stageWorkAction(p) : null;
  const canWork = !!viewer?.canWork;
  const trip = p.kind === 'trip';

  return (
    <div class="stage-work" data-testid="stage-work">
      {accession && p.stage === 'DRAFT' && viewer?.isOwner && p.status === 'open' && <DraftEditForm proposal={p} settle={props.settle} />}
      {canWork && work === 'cabinet_outcome' && <CabinetOutcomeForm proposal={p} settle={props.settle} />}
      {canWork && accession && work === 'parliament_outcome' && <ParliamentOutcomeForm proposal={p} settle={props.settle} />}
      {canWork && accession && work === 'deposit' && <DepositForm proposal={p} entryIntoForce={eif} settle={props.settle} />}
      {!trip && <RemarksPanel proposal={p} viewer={viewer} settle={props.settle} />}
      {accession && <ActionItemsPanel proposal={p} viewer={viewer} settle={props.settle} />}
      {accession && <AccessionRecord proposal={p} entryIntoForce={eif} />}
      {p.status === 'open' && (viewer?.isAdmin || viewer?.isDivisionHead) && <TaskReassignForm proposal={p} settle={props.settle} />}
      {!trip && canWork && <WithdrawForm proposal={p} settle={props.settle} />}
    </div>
  );
}
