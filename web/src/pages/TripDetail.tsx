import { useEffect, useState } from 'preact/hooks';
import { COST_CATEGORY_NAMES, FUNDING_SOURCE_NAMES, type CostCategory, type FundingSource } from '../../../libs/domain/trips/trip-costs';
import { TRIP_V1 } from '../../../libs/domain/trips/trip-definition.v1';
import { get, post, raw, requestId } from '../api';
import { errorText, Loaded, useAsync } from '../components/Async';
import { FieldError, fieldProblems, invalidProps, problemText } from '../components/FieldErrors';
import { PeoplePicker } from '../components/PeoplePicker';
import { countryName, money, number } from '../format';
import { language, loc, t } from '../i18n';
import { roleName } from '../task-labels';
import { personName } from '../people';
import { useSignal } from '../state';
import type { FieldProblem, Person, ProposalStatus, TripData, TripDetail } from '../types';
import { eventTypeName } from './NewTrip';

/** What an action returns: the stage after it and the sequence number of its last event. */
interface ActionResult {
  stage: string;
  eventSeq: number;
}
type Settle = (shows: (p: ProposalStatus) => boolean) => Promise<void>;
const caughtUp = (r: ActionResult) => (fresh: ProposalStatus) => fresh.eventSeq >= r.eventSeq;

export const tripOf = (p: ProposalStatus): TripData | null => (p.details as { trip?: TripData | null }).trip ?? null;
const categoryName = (c: string) => (c in COST_CATEGORY_NAMES ? loc(COST_CATEGORY_NAMES[c as CostCategory]) : c);
const sourceName = (s: string) => (s in FUNDING_SOURCE_NAMES ? loc(FUNDING_SOURCE_NAMES[s as FundingSource]) : s);

/** Inclusive length of a trip in days, from its Ulaanbaatar dates. */
function tripDays(trip: TripData): number | null {
  const d = (Date.parse(`${trip.returnDate}T00:00:00Z`) - Date.parse(`${trip.departureDate}T00:00:00Z`)) / 86_400_000;
  return Number.isFinite(d) ? d + 1 : null;
}

/** The active people behind some ids, from the directory; someone no longer active keeps a short id as a name. */
export function usePeople(ids: string[]) {
  const key = ids.join(',');
  return useAsync(async () => {
    const found = ids.length ? (await get<{ items: Person[] }>(`/people?ids=${key}`)).items : [];
    const byId = new Map(found.map((p) => [p.id, p]));
    return ids.map((id) => byId.get(id) ?? { id, nameMn: id.slice(0, 8), nameLatin: id.slice(0, 8), division: null });
  }, [key]);
}

/** A trip's request (event, destination, dates, delegates, costs) and who approves it and why. */
export function TripSection(props: { proposal: ProposalStatus }) {
  useSignal(language);
  const p = props.proposal;
  // The route follows the request (a change of delegates or costs can change it): reloaded with every new event.
  const state = useAsync(() => get<TripDetail>(`/trips/${p.id}`), [p.id, p.eventSeq]);
  const trip = tripOf(p);
  const delegates = usePeople(trip?.delegateIds ?? []);
  if (!trip) return null;
  const lang = language.get();
  const days = tripDays(trip);
  const country = countryName(trip.destination.country, lang);
  const totals = new Map<string, number>();
  for (const c of trip.costs) totals.set(c.currency, (totals.get(c.currency) ?? 0) + c.amount);

  return (
    <div class="grid two trip-grid" data-testid="trip">
      <div class="panel" data-testid="trip-facts">
        <h2>{t('tripRequest')}</h2>
        <dl class="facts">
          <div>
            <dt>{t('tripEvent')}</dt>
            <dd data-testid="trip-event">
              {trip.event.name}
              <div class="muted small">
                {trip.event.organiser} · {eventTypeName(trip.event.type)}
              </div>
            </dd>
          </div>
          <div>
            <dt>{t('tripDestination')}</dt>
            <dd data-testid="trip-destination">
              {trip.destination.city}, {country ? `${country} (${trip.destination.country})` : trip.destination.country}
            </dd>
          </div>
          <div>
            <dt>{t('tripDates')}</dt>
            <dd data-testid="trip-dates">
              {trip.departureDate} – {trip.returnDate}
              {days !== null && <div class="muted small">{t('tripDays', { n: days })}</div>}
            </dd>
          </div>
          <div>
            <dt>{t('delegates')}</dt>
            <dd data-testid="trip-delegates">{delegates.data ? delegates.data.map(personName).join(', ') : trip.delegateIds.length}</dd>
          </div>
          {trip.lateJustification && (
            <div>
              <dt>{t('lateRequest')}</dt>
              <dd data-testid="trip-late">{trip.lateJustification}</dd>
            </div>
          )}
        </dl>
        <h3 class="small">{t('tripCosts')}</h3>
        <table class="data" data-testid="trip-costs">
          <thead>
            <tr>
              <th scope="col">{t('costCategory')}</th>
              <th scope="col" class="num">
                {t('amount')}
              </th>
              <th scope="col">{t('fundingSource')}</th>
            </tr>
          </thead>
          <tbody>
            {trip.costs.length === 0 && (
              <tr>
                <td colSpan={3} class="muted">
                  {t('none')}
                </td>
              </tr>
            )}
            {trip.costs.map((c) => (
              <tr>
                <td>{categoryName(c.category)}</td>
                <td class="num">{money(c.amount, c.currency, lang)}</td>
                <td>{sourceName(c.fundingSource)}</td>
              </tr>
            ))}
          </tbody>
          {trip.costs.length > 0 && (
            <tfoot>
              <tr>
                <td>{t('costTotal')}</td>
                <td class="num" data-testid="trip-cost-total">
                  {[...totals].map(([currency, amount]) => money(amount, currency, lang)).join(' + ')}
                </td>
                <td />
              </tr>
            </tfoot>
          )}
        </table>
        {state.data && (
          <p class="muted small" data-testid="trip-cost-mnt">
            {t('costTotalMnt', { total: `${number(state.data.route.totalCostMnt, lang)} ₮`, budget: `${number(state.data.route.administrationBudgetMnt, lang)} ₮` })}
          </p>
        )}
      </div>
      <div class="panel" data-testid="trip-route">
        <h2>{t('approvalRoute')}</h2>
        <Loaded state={state}>
          {(detail) => (
            <ol class="route">
              {detail.route.steps.map((s) => (
                <li data-role={s.role}>
                  <strong>{roleName(s.role)}</strong>
                  <div class="muted small">{loc(s.reason)}</div>
                </li>
              ))}
            </ol>
          )}
        </Loaded>
      </div>
    </div>
  );
}

/** The owner's actions on a trip: change dates or delegates, cancel with a reason, hand in the report when due. */
export function TripOwnerActions(props: { proposal: ProposalStatus; settle: Settle }) {
  const p = props.proposal;
  const trip = tripOf(p);
  if (!trip || p.status !== 'open') return null;
  return (
    <>
      {TRIP_V1.changes?.allowedIn.includes(p.stage) && <ChangeTrip proposal={p} trip={trip} settle={props.settle} />}
      {p.stage === 'REPORT_DUE' && <TripReport proposal={p} settle={props.settle} />}
      {TRIP_V1.cancelIn?.includes(p.stage) && <CancelTrip proposal={p} settle={props.settle} />}
    </>
  );
}

/** Runs one action of the forms below: busy while it runs, the result or the refusal (with its field problems) after. */
function useAction(settle: Settle) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  async function run(action: () => Promise<ActionResult>): Promise<boolean> {
    setBusy(true);
    setMessage(null);
    setProblems([]);
    try {
      const result = await action();
      await settle(caughtUp(result));
      setMessage({ ok: true, text: t('done') });
      return true;
    } catch (err) {
      setProblems(fieldProblems(err));
      setMessage({ ok: false, text: errorText(err) });
      return false;
    } finally {
      setBusy(false);
    }
  }
  const messages = (field: string) => problems.filter((x) => x.field === field || x.field.startsWith(`${field}[`)).map(problemText);
  const fail = (text: string) => setMessage({ ok: false, text });
  return { busy, message, messages, run, fail };
}

function Outcome(props: { message: { ok: boolean; text: string } | null; testId: string }) {
  if (!props.message) return null;
  return (
    <p class={`notice ${props.message.ok ? 'ok' : 'error'}`} role={props.message.ok ? 'status' : 'alert'} data-testid={props.testId}>
      {props.message.text}
    </p>
  );
}

function ChangeTrip(props: { proposal: ProposalStatus; trip: TripData; settle: Settle }) {
  useSignal(language);
  const { trip } = props;
  const current = usePeople(trip.delegateIds);
  const [departureDate, setDeparture] = useState(trip.departureDate);
  const [returnDate, setReturn] = useState(trip.returnDate);
  const [delegates, setDelegates] = useState<Person[] | null>(null);
  const [reason, setReason] = useState('');
  const action = useAction(props.settle);
  // The form starts from the trip as it stands, and again after every change the trip takes.
  useEffect(() => {
    setDeparture(trip.departureDate);
    setReturn(trip.returnDate);
  }, [trip.departureDate, trip.returnDate]);
  useEffect(() => {
    if (current.data) setDelegates(current.data);
  }, [current.data]);

  async function save(e: Event) {
    e.preventDefault();
    const ids = (delegates ?? []).map((d) => d.id);
    const patch = {
      ...(departureDate !== trip.departureDate ? { departureDate } : {}),
      ...(returnDate !== trip.returnDate ? { returnDate } : {}),
      ...(delegates && ids.join(',') !== trip.delegateIds.join(',') ? { delegateIds: ids } : {}),
    };
    if (!Object.keys(patch).length) return action.fail(t('nothingChanged'));
    if (await action.run(() => post<ActionResult>(`/trips/${props.proposal.id}/change`, { requestId: requestId(), ...patch, ...(reason.trim() ? { reason: reason.trim() } : {}) }))) setReason('');
  }

  const dep = action.messages('departureDate');
  const ret = action.messages('returnDate');
  const del = action.messages('delegateIds');
  return (
    <details class="trip-change" data-testid="trip-change">
      <summary>{t('changeTrip')}</summary>
      <form class="stack" onSubmit={save} noValidate>
        <p class="muted small">{t('changeTripHelp')}</p>
        <div class="row">
          <label>
            {t('departureDate')}
            <input type="date" name="change-departureDate" value={departureDate} onInput={(e) => setDeparture(e.currentTarget.value)} {...invalidProps('change-departureDate', dep)} />
            <FieldError field="change-departureDate" messages={dep} />
          </label>
          <label>
            {t('returnDate')}
            <input type="date" name="change-returnDate" value={returnDate} onInput={(e) => setReturn(e.currentTarget.value)} {...invalidProps('change-returnDate', ret)} />
            <FieldError field="change-returnDate" messages={ret} />
          </label>
        </div>
        <div>
          <span class="hint">{t('delegates')}</span>
          {delegates && <PeoplePicker id="change-delegates" label={t('delegates')} selected={delegates} onChange={setDelegates} invalid={del.length > 0} describedBy={del.length ? 'error-change-delegateIds' : undefined} />}
          <FieldError field="change-delegateIds" messages={del} />
        </div>
        <label>
          {t('changeReason')}
          <textarea rows={2} maxLength={4000} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        </label>
        <div class="actions">
          <button type="submit" class="secondary" disabled={action.busy || !delegates} data-testid="save-change">
            {t('saveChange')}
          </button>
        </div>
        <Outcome message={action.message} testId="change-outcome" />
      </form>
    </details>
  );
}

function CancelTrip(props: { proposal: ProposalStatus; settle: Settle }) {
  useSignal(language);
  const [reason, setReason] = useState('');
  const action = useAction(props.settle);
  const why = action.messages('reason');
  return (
    <details class="danger-zone" data-testid="trip-cancel">
      <summary>{t('cancelTrip')}</summary>
      <form
        class="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (reason.trim().length < 3) return action.fail(t('cancelReasonNeeded'));
          void action.run(() => post<ActionResult>(`/trips/${props.proposal.id}/cancel`, { requestId: requestId(), reason: reason.trim() }));
        }}
      >
        <label>
          {t('cancelReason')}
          <textarea name="cancel-reason" rows={2} maxLength={4000} value={reason} onInput={(e) => setReason(e.currentTarget.value)} {...invalidProps('cancel-reason', why)} />
          <FieldError field="cancel-reason" messages={why} />
        </label>
        <div class="actions">
          <button type="submit" class="danger" disabled={action.busy} data-testid="confirm-cancel">
            {t('confirmCancel')}
          </button>
        </div>
        <Outcome message={action.message} testId="cancel-outcome" />
      </form>
    </details>
  );
}

function TripReport(props: { proposal: ProposalStatus; settle: Settle }) {
  useSignal(language);
  const [file, setFile] = useState<File | null>(null);
  const action = useAction(props.settle);
  return (
    <form
      class="stack"
      data-testid="trip-report"
      onSubmit={(e) => {
        e.preventDefault();
        if (!file) return;
        const form = new FormData();
        form.set('requestId', requestId());
        form.set('file', file);
        void action.run(async () => (await raw('POST', `/trips/${props.proposal.id}/report`, form)).json() as Promise<ActionResult>);
      }}
    >
      <h3 class="small">{t('tripReport')}</h3>
      <p class="muted small">{t('tripReportHelp')}</p>
      <div class="inline-form">
        <label>
          {t('file')}
          <input type="file" data-testid="report-file" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
        </label>
        <button type="submit" disabled={action.busy || !file} data-testid="upload-report">
          {t('uploadReport')}
        </button>
      </div>
      <Outcome message={action.message} testId="report-outcome" />
    </form>
  );
}
