import { useState } from 'preact/hooks';
import { post, requestId } from '../../api';
import { FieldError, invalidProps } from '../../components/FieldErrors';
import { PeoplePicker } from '../../components/PeoplePicker';
import { dateTimeUb, todayUb } from '../../format';
import { language, t } from '../../i18n';
import { personName } from '../../people';
import { useSignal } from '../../state';
import type { AccessionDetails, ActionItem, Person, ProposalStatus } from '../../types';
import { usePeople } from '../TripDetail';
import { ActionResult, Outcome, required, Settle, useStageAction, Viewer } from './stage-action';

/** One colleague from the directory: the picker keeps only the last one chosen. */
export function OnePersonPicker(props: { id: string; label: string; person: Person | null; onChange: (p: Person | null) => void; invalid?: boolean; describedBy?: string }) {
  return (
    <PeoplePicker
      id={props.id}
      label={props.label}
      selected={props.person ? [props.person] : []}
      onChange={(people) => props.onChange(people[people.length - 1] ?? null)}
      invalid={props.invalid}
      describedBy={props.describedBy}
    />
  );
}

/**
 * IMPLEMENTATION: the action items (what must change at home for the convention to be applied), each with the
 * person who holds it and its due date. The owner adds and reassigns them; the holder (or the owner) marks one done.
 */
export function ActionItemsPanel(props: { proposal: ProposalStatus; viewer: Viewer | null; settle: Settle }) {
  useSignal(language);
  const p = props.proposal;
  const items = (p.details as AccessionDetails).actionItems ?? [];
  const people = usePeople([...new Set(items.flatMap((i) => [i.ownerId, i.completedBy]).filter((x): x is string => !!x))]);
  const live = p.stage === 'IMPLEMENTATION' && p.status === 'open';
  if (!items.length && !live) return null;
  const v = props.viewer;
  const today = todayUb();
  const nameOf = (id: string | null) => (!id ? '—' : people.data ? personName(people.data.find((x) => x.id === id) ?? null) : '…');

  return (
    <div class="panel" data-testid="action-items-panel">
      <h2>{t('actionItemsTitle')}</h2>
      <table class="data" data-testid="action-items">
        <thead>
          <tr>
            <th scope="col">{t('actionItem')}</th>
            <th scope="col">{t('itemHolder')}</th>
            <th scope="col">{t('due')}</th>
            <th scope="col">{t('status')}</th>
            {live && v && <th scope="col">{t('yourAction')}</th>}
          </tr>
        </thead>
        <tbody>
          {items.length === 0 && (
            <tr>
              <td colSpan={5} class="muted">
                {t('noActionItemsYet')}
              </td>
            </tr>
          )}
          {items.map((item) => {
            const late = item.status === 'open' && item.dueDate < today;
            const canComplete = live && item.status === 'open' && !!v && (v.canWork || v.id === item.ownerId);
            const canReassign = live && item.status === 'open' && !!v?.canWork;
            return (
              <tr data-testid="action-item-row" data-item-id={item.id}>
                <td>{item.title}</td>
                <td data-testid="item-holder">{nameOf(item.ownerId)}</td>
                <td class={late ? 'bad' : ''}>
                  {item.dueDate}
                  {late && (
                    <span class="badge bad" data-testid="item-overdue">
                      {t('overdue')}
                    </span>
                  )}
                </td>
                <td data-testid="item-status">
                  {item.status === 'done' ? t('itemDone') : t('itemOpen')}
                  {item.completedAt && <div class="muted small">{t('completedBy', { who: nameOf(item.completedBy), at: dateTimeUb(item.completedAt) })}</div>}
                </td>
                {live && v && (
                  <td>
                    <div class="stack">
                      {canComplete && <CompleteItem proposal={p} item={item} settle={props.settle} />}
                      {canReassign && <ReassignItem proposal={p} item={item} settle={props.settle} />}
                    </div>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {live && v?.canWork && <AddActionItem proposal={p} settle={props.settle} />}
    </div>
  );
}

function CompleteItem(props: { proposal: ProposalStatus; item: ActionItem; settle: Settle }) {
  const action = useStageAction(props.settle, []);
  return (
    <div>
      <button
        type="button"
        class="secondary"
        disabled={action.busy}
        data-testid={`complete-item-${props.item.id}`}
        onClick={() => void action.run(() => post<ActionResult>(`/proposals/${props.proposal.id}/action-items/${encodeURIComponent(props.item.id)}/complete`, { requestId: requestId() }))}
      >
        {t('markItemDone')}
      </button>
      <Outcome message={action.message} testId={`complete-item-outcome-${props.item.id}`} />
    </div>
  );
}

function ReassignItem(props: { proposal: ProposalStatus; item: ActionItem; settle: Settle }) {
  useSignal(language);
  const [person, setPerson] = useState<Person | null>(null);
  const action = useStageAction(props.settle, ['assigneeId']);
  const msg = action.messages('assigneeId');
  const field = `reassign-${props.item.id}`;
  return (
    <details data-testid={`reassign-item-${props.item.id}`}>
      <summary>{t('reassign')}</summary>
      <form
        class="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!person) return action.refuse([required('assigneeId')]);
          void action.run(() =>
            post<ActionResult>(`/proposals/${props.proposal.id}/action-items/${encodeURIComponent(props.item.id)}/reassign`, { requestId: requestId(), assigneeId: person.id }),
          );
        }}
      >
        <OnePersonPicker id={field} label={t('newHolder')} person={person} onChange={setPerson} invalid={msg.length > 0} describedBy={msg.length ? `error-${field}` : undefined} />
        <FieldError field={field} messages={msg} />
        <button type="submit" class="secondary" disabled={action.busy}>
          {t('reassign')}
        </button>
        <Outcome message={action.message} testId={`reassign-item-outcome-${props.item.id}`} />
      </form>
    </details>
  );
}

function AddActionItem(props: { proposal: ProposalStatus; settle: Settle }) {
  useSignal(language);
  const [title, setTitle] = useState('');
  const [holder, setHolder] = useState<Person | null>(null);
  const [dueDate, setDue] = useState('');
  const action = useStageAction(props.settle, ['title', 'ownerId', 'dueDate']);
  const msg = { title: action.messages('title'), owner: action.messages('ownerId'), due: action.messages('dueDate') };

  async function save(e: Event) {
    e.preventDefault();
    const missing = [...(title.trim() ? [] : [required('title')]), ...(holder ? [] : [required('ownerId')]), ...(dueDate ? [] : [required('dueDate')])];
    if (missing.length) return action.refuse(missing);
    const ok = await action.run(() => post<ActionResult>(`/proposals/${props.proposal.id}/action-items`, { requestId: requestId(), title: title.trim(), ownerId: holder!.id, dueDate }));
    if (ok) {
      setTitle('');
      setHolder(null);
      setDue('');
    }
  }

  return (
    <form class="stack sub-form" data-testid="add-action-item" onSubmit={save} noValidate>
      <h3 class="small">{t('addActionItem')}</h3>
      <label>
        {t('actionItem')}
        <input name="item-title" maxLength={300} value={title} onInput={(e) => setTitle(e.currentTarget.value)} {...invalidProps('item-title', msg.title)} />
        <FieldError field="item-title" messages={msg.title} />
      </label>
      <div class="row">
        <div>
          <span class="hint">{t('itemHolder')}</span>
          <OnePersonPicker id="item-owner" label={t('itemHolder')} person={holder} onChange={setHolder} invalid={msg.owner.length > 0} describedBy={msg.owner.length ? 'error-item-owner' : undefined} />
          <FieldError field="item-owner" messages={msg.owner} />
        </div>
        <label>
          {t('due')}
          <input type="date" name="item-dueDate" min={todayUb()} value={dueDate} onInput={(e) => setDue(e.currentTarget.value)} {...invalidProps('item-dueDate', msg.due)} />
          <FieldError field="item-dueDate" messages={msg.due} />
        </label>
      </div>
      <div class="actions">
        <button type="submit" class="secondary" disabled={action.busy} data-testid="save-action-item">
          {t('addActionItem')}
        </button>
      </div>
      <Outcome message={action.message} testId="action-item-outcome" />
    </form>
  );
}
