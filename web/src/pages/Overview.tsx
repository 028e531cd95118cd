import { useState } from 'preact/hooks';
import { get } from '../api';
import { Loaded, useAsync } from '../components/Async';
import { BarChart } from '../components/BarChart';
import { Link } from '../components/Link';
import { daysAgoUb, dateTimeUb, number, todayUb } from '../format';
import { language, loc, t } from '../i18n';
import { personName } from '../people';
import { location, navigate } from '../router';
import { useSignal } from '../state';
import type { CycleTimes, Filters, Overview, Pipeline } from '../types';

const COLORS = { onTime: '#2563eb', overdue: '#dc2626', median: '#0f766e', p90: '#f59e0b' };

function scopeQuery(division: string, kind: string, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ ...(division ? { division } : {}), ...(kind ? { kind } : {}), ...extra });
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function OverviewPage() {
  const lang = useSignal(language);
  const { query } = useSignal(location);
  const division = query.get('division') ?? '';
  const kind = query.get('kind') ?? '';
  const [from, setFrom] = useState(daysAgoUb(89));
  const [to, setTo] = useState(todayUb());

  const filters = useAsync(() => get<Filters>('/dashboard/filters'), []);
  const overview = useAsync(() => get<Overview>(`/dashboard/overview${scopeQuery(division, kind)}`), [division, kind]);
  const pipeline = useAsync(() => get<Pipeline>(`/dashboard/pipeline${scopeQuery(division, kind)}`), [division, kind]);
  const cycles = useAsync(() => get<CycleTimes>(`/dashboard/cycle-times${scopeQuery(division, kind, { from, to })}`), [division, kind, from, to]);

  const setScope = (next: { division?: string; kind?: string }) => navigate(`/${scopeQuery(next.division ?? division, next.kind ?? kind)}`, { replace: true });
  const refresh = () => {
    overview.reload();
    pipeline.reload();
    cycles.reload();
  };

  return (
    <section aria-labelledby="overview-title">
      <div class="page-head">
        <div>
          <h1 id="overview-title">{t('overviewTitle')}</h1>
          {overview.data && <p class="muted">{t('generatedAt', { at: dateTimeUb(overview.data.generatedAt) })}</p>}
        </div>
        <div class="toolbar">
          <label>
            {t('division')}
            <select data-testid="scope-division" value={division} onChange={(e) => setScope({ division: e.currentTarget.value })}>
              <option value="">{t('allDivisions')}</option>
              {(filters.data?.divisions ?? []).map((d) => (
                <option value={d}>{d}</option>
              ))}
            </select>
          </label>
          <label>
            {t('kind')}
            <select value={kind} onChange={(e) => setScope({ kind: e.currentTarget.value })}>
              <option value="">{t('allKinds')}</option>
              {(filters.data?.kinds ?? []).map((k) => (
                <option value={k.kind}>{loc(k.name)}</option>
              ))}
            </select>
          </label>
          <button type="button" class="secondary" data-testid="refresh" onClick={refresh}>
            {t('refresh')}
          </button>
        </div>
      </div>

      <Loaded state={overview}>
        {(o) => (
          <>
            <ul class="kpis" aria-label={t('overviewTitle')}>
              <Kpi id="open" label={t('openProposals')} value={number(o.totals.openProposals, lang)} to={`/proposals${scopeQuery(division, kind, { status: 'open' })}`} />
              <Kpi id="past-sla" label={t('pastSla')} value={number(o.totals.proposalsPastSla, lang)} tone={o.totals.proposalsPastSla ? 'bad' : undefined} to={`/proposals${scopeQuery(division, kind, { overdue: 'true' })}`} />
              <Kpi id="open-tasks" label={t('openTasks')} value={number(o.totals.openTasks, lang)} />
              <Kpi id="overdue-tasks" label={t('overdueTasks')} value={number(o.totals.overdueTasks, lang)} tone={o.totals.overdueTasks ? 'bad' : undefined} />
              <Kpi id="closed" label={t('closedProposals')} value={number(o.totals.closedProposals, lang)} />
              <Kpi
                id="trips"
                label={t('trips')}
                value={o.trips.available ? t('tripsDeparting', { n: o.trips.departingThisMonth ?? 0, m: o.trips.reportsDueThisMonth ?? 0 }) : t('tripsNotYet')}
                small
              />
            </ul>
          </>
        )}
      </Loaded>

      <div class="grid two">
        <div class="panel">
          <Loaded state={pipeline}>
            {(p) => (
              <>
                {p.kinds.map((k) => (
                  <BarChart
                    id={`pipeline-${k.kind}`}
                    caption={`${t('pipeline')} (${loc(k.name)})`}
                    labels={k.stages.map((s) => loc(s.name))}
                    stacked
                    horizontal
                    height={340}
                    series={[
                      { label: t('onTime'), data: k.stages.map((s) => s.onTime), color: COLORS.onTime },
                      { label: t('overdue'), data: k.stages.map((s) => s.overdue), color: COLORS.overdue },
                    ]}
                  />
                ))}
              </>
            )}
          </Loaded>
        </div>
        <div class="panel">
          <form class="inline-form" onSubmit={(e) => e.preventDefault()} aria-label={t('cycleTimes')}>
            <label>
              {t('periodFrom')}
              <input type="date" value={from} max={to} onChange={(e) => e.currentTarget.value && setFrom(e.currentTarget.value)} />
            </label>
            <label>
              {t('periodTo')}
              <input type="date" value={to} min={from} onChange={(e) => e.currentTarget.value && setTo(e.currentTarget.value)} />
            </label>
          </form>
          <Loaded state={cycles}>
            {(c) =>
              c.stages.length ? (
                <BarChart
                  id="cycle-times"
                  caption={`${t('cycleTimes')} (${c.from} – ${c.to})`}
                  labels={c.stages.map((s) => (new Set(c.stages.map((x) => x.kind)).size > 1 ? `${loc(s.name)} · ${loc(filters.data?.kinds.find((k) => k.kind === s.kind)?.name) || s.kind}` : loc(s.name)))}
                  horizontal
                  height={Math.max(220, 60 + c.stages.length * 44)}
                  unit={lang === 'mn' ? ' хоног' : ' days'}
                  series={[
                    { label: t('median'), data: c.stages.map((s) => s.medianDays), color: COLORS.median },
                    { label: t('p90'), data: c.stages.map((s) => s.p90Days), color: COLORS.p90 },
                  ]}
                />
              ) : (
                <p class="muted" data-testid="cycle-times-empty">
                  {t('cycleTimes')}: {t('noCycleData')}
                </p>
              )
            }
          </Loaded>
        </div>
      </div>

      <Loaded state={overview}>
        {(o) => (
          <div class="grid two">
            <div class="panel">
              <h2>{t('countsByStage')}</h2>
              <table class="data" data-testid="counts-by-stage">
                <thead>
                  <tr>
                    <th scope="col">{t('kind')}</th>
                    <th scope="col">{t('stage')}</th>
                    <th scope="col" class="num">
                      {t('count')}
                    </th>
                    <th scope="col" class="num">
                      {t('overdue')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {o.countsByKindStage.length === 0 && (
                    <tr>
                      <td colSpan={4} class="muted">
                        {t('none')}
                      </td>
                    </tr>
                  )}
                  {o.countsByKindStage.map((c) => (
                    <tr>
                      <td>{loc(filters.data?.kinds.find((k) => k.kind === c.kind)?.name) || c.kind}</td>
                      <td>
                        <Link to={`/proposals${scopeQuery(division, '', { kind: c.kind, stage: c.stage })}`}>{loc(c.stageName)}</Link>
                      </td>
                      <td class="num" data-testid={`count-${c.kind}-${c.stage}`}>
                        {number(c.count, lang)}
                      </td>
                      <td class={`num${c.overdue ? ' bad' : ''}`}>{number(c.overdue, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div class="panel">
              <h2>{t('tasksByPerson')}</h2>
              <table class="data" data-testid="tasks-by-person">
                <thead>
                  <tr>
                    <th scope="col">{t('person')}</th>
                    <th scope="col" class="num">
                      {t('open')}
                    </th>
                    <th scope="col" class="num">
                      {t('overdue')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {o.openTasksByPerson.length === 0 && (
                    <tr>
                      <td colSpan={3} class="muted">
                        {t('none')}
                      </td>
                    </tr>
                  )}
                  {o.openTasksByPerson.map((p) => (
                    <tr>
                      <td>{personName(p.person)}</td>
                      <td class="num">{p.open}</td>
                      <td class={`num${p.overdue ? ' bad' : ''}`}>{p.overdue}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div class="panel">
              <h2>
                {t('pastSlaTitle')} <span class="muted">({t('showingOf', { shown: o.proposalsPastSla.items.length, total: o.proposalsPastSla.total })})</span>
              </h2>
              <table class="data" data-testid="past-sla">
                <thead>
                  <tr>
                    <th scope="col">{t('title')}</th>
                    <th scope="col">{t('stage')}</th>
                    <th scope="col">{t('owner')}</th>
                    <th scope="col" class="num">
                      {t('daysOverdue')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {o.proposalsPastSla.items.length === 0 && (
                    <tr>
                      <td colSpan={4} class="muted">
                        {t('none')}
                      </td>
                    </tr>
                  )}
                  {o.proposalsPastSla.items.map((p) => (
                    <tr>
                      <td>
                        <Link to={`/proposals/${p.proposalId}`}>{loc(p.title)}</Link>
                      </td>
                      <td>{loc(p.stageName)}</td>
                      <td>{personName(p.owner)}</td>
                      <td class="num bad">{p.daysOverdue}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div class="panel">
              <h2>
                {t('overdueTasksTitle')} <span class="muted">({t('showingOf', { shown: o.overdueTasks.items.length, total: o.overdueTasks.total })})</span>
              </h2>
              <table class="data" data-testid="overdue-tasks">
                <thead>
                  <tr>
                    <th scope="col">{t('title')}</th>
                    <th scope="col">{t('role')}</th>
                    <th scope="col">{t('assignee')}</th>
                    <th scope="col" class="num">
                      {t('daysOverdue')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {o.overdueTasks.items.length === 0 && (
                    <tr>
                      <td colSpan={4} class="muted">
                        {t('none')}
                      </td>
                    </tr>
                  )}
                  {o.overdueTasks.items.map((x) => (
                    <tr>
                      <td>
                        <Link to={`/proposals/${x.proposalId}`}>{loc(x.title)}</Link>
                        <div class="muted small">{loc(x.stageName)}</div>
                      </td>
                      <td>{x.role}</td>
                      <td>{personName(x.assignee)}</td>
                      <td class="num bad">{x.daysOverdue}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        )}
      </Loaded>
    </section>
  );
}

function Kpi(props: { id: string; label: string; value: string; tone?: 'bad'; to?: string; small?: boolean }) {
  const body = (
    <>
      <span class="kpi-label">{props.label}</span>
      <span class={`kpi-value${props.small ? ' small' : ''}`} data-testid={`kpi-${props.id}`}>
        {props.value}
      </span>
    </>
  );
  return <li class={`kpi${props.tone ? ` ${props.tone}` : ''}`}>{props.to ? <Link to={props.to}>{body}</Link> : body}</li>;
}
