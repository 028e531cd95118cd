import { useEffect, useState } from 'preact/hooks';
import { download, get } from '../api';
import { errorText, Loaded, useAsync } from '../components/Async';
import { Link } from '../components/Link';
import { dateUb, number } from '../format';
import { hasKey, language, loc, t } from '../i18n';
import { personName } from '../people';
import { location, navigate } from '../router';
import { useSignal } from '../state';
import type { Filters, ProposalPage } from '../types';

/** Filter fields kept in the URL, so a filtered list can be bookmarked, shared and exported as shown. */
const FILTER_KEYS = ['kind', 'stage', 'status', 'ownerId', 'division', 'overdue', 'q', 'from', 'to', 'periodOf'] as const;
const SORTS = ['updatedAt', 'createdAt', 'dueAt', 'titleEn', 'titleMn', 'stage'] as const;

type FilterState = Record<(typeof FILTER_KEYS)[number], string>;

function fromQuery(q: URLSearchParams): FilterState {
  return Object.fromEntries(FILTER_KEYS.map((k) => [k, q.get(k) ?? ''])) as FilterState;
}

function toQuery(f: Partial<FilterState>, extra: Record<string, string> = {}): URLSearchParams {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, ...extra })) if (v) q.set(k, v);
  return q;
}

export function ProposalListPage() {
  const lang = useSignal(language);
  const { query } = useSignal(location);
  const applied = fromQuery(query);
  const sort = query.get('sort') ?? 'updatedAt';
  const order = query.get('order') ?? 'desc';
  const page = Number(query.get('page') ?? '1') || 1;
  const pageSize = Number(query.get('pageSize') ?? '25') || 25;
  const [draft, setDraft] = useState<FilterState>(applied);
  const [exportError, setExportError] = useState<string | null>(null);
  /** Rows the last export held when the server cut it at its limit; null when it held every matching row. */
  const [exportCut, setExportCut] = useState<number | null>(null);
  useEffect(() => setDraft(applied), [query.toString()]);

  const filters = useAsync(() => get<Filters>('/dashboard/filters'), []);
  const listQuery = toQuery(applied, { sort, order, page: String(page), pageSize: String(pageSize) });
  const list = useAsync(() => get<ProposalPage>(`/dashboard/proposals?${listQuery}`), [listQuery.toString()]);

  const go = (f: Partial<FilterState>, extra: Record<string, string> = {}) =>
    navigate(`/proposals?${toQuery(f, { sort, order, pageSize: String(pageSize), ...extra })}`);
  const set = (k: keyof FilterState) => (e: Event) => setDraft({ ...draft, [k]: (e.currentTarget as HTMLInputElement).value });
  const stages = filters.data?.kinds.find((k) => k.kind === (draft.kind || 'accession'))?.stages ?? [];
  const exportQuery = toQuery(applied, { sort, order });

  async function exportAs(ext: 'csv' | 'xlsx') {
    setExportError(null);
    setExportCut(null);
    try {
      const file = await download(`/dashboard/proposals/export.${ext}?${exportQuery}`, `accord-proposals.${ext}`);
      // An export stops at the server's limit (50,000 rows): say so, or the file looks complete when it is not.
      if (file.truncated) setExportCut(file.rows ?? 50_000);
    } catch (err) {
      setExportError(errorText(err));
    }
  }

  const sortHeader = (key: (typeof SORTS)[number], label: string) => {
    const active = sort === key;
    const nextOrder = active && order === 'desc' ? 'asc' : 'desc';
    return (
      <th scope="col" aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}>
        <button type="button" class="sort" onClick={() => go(applied, { sort: key, order: nextOrder })}>
          {label}
          <span aria-hidden="true">{active ? (order === 'asc' ? ' ▲' : ' ▼') : ''}</span>
        </button>
      </th>
    );
  };

  return (
    <section aria-labelledby="list-title">
      <div class="page-head">
        <h1 id="list-title">{t('proposalsTitle')}</h1>
        <div class="toolbar">
          <button type="button" class="secondary" data-testid="export-csv" onClick={() => void exportAs('csv')}>
            {t('exportCsv')}
          </button>
          <button type="button" class="secondary" data-testid="export-xlsx" onClick={() => void exportAs('xlsx')}>
            {t('exportXlsx')}
          </button>
        </div>
      </div>
      {exportError && (
        <p class="notice error" role="alert">
          {exportError}
        </p>
      )}
      {exportCut !== null && (
        <p class="notice warn" role="alert" data-testid="export-truncated">
          {t('exportTruncated', { rows: number(exportCut, lang) })}
        </p>
      )}
      <form
        class="filters panel"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          go(draft);
        }}
      >
        <label class="wide">
          {t('search')}
          <input type="search" name="q" value={draft.q} onInput={set('q')} />
        </label>
        <label>
          {t('kind')}
          <select name="kind" value={draft.kind} onChange={set('kind')}>
            <option value="">{t('allKinds')}</option>
            {(filters.data?.kinds ?? []).map((k) => (
              <option value={k.kind}>{loc(k.name)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('stage')}
          <select name="stage" value={draft.stage} onChange={set('stage')}>
            <option value="">{t('anyStage')}</option>
            {stages.map((s) => (
              <option value={s.code}>{loc(s.name)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('status')}
          <select name="status" value={draft.status} onChange={set('status')}>
            <option value="">{t('anyStatus')}</option>
            {['open', 'completed', 'rejected', 'withdrawn', 'cancelled', 'expired', 'terminated'].map((s) => (
              <option value={s}>{hasKey(`status_${s}`) ? t(`status_${s}` as never) : s}</option>
            ))}
          </select>
        </label>
        <label>
          {t('owner')}
          <select name="ownerId" value={draft.ownerId} onChange={set('ownerId')}>
            <option value="">{t('anyOwner')}</option>
            {(filters.data?.owners ?? []).map((o) => (
              <option value={o.id}>{personName(o)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('division')}
          <select name="division" value={draft.division} onChange={set('division')}>
            <option value="">{t('allDivisions')}</option>
            {(filters.data?.divisions ?? []).map((d) => (
              <option value={d}>{d}</option>
            ))}
          </select>
        </label>
        <label>
          {t('overdueFilter')}
          <select name="overdue" value={draft.overdue} onChange={set('overdue')}>
            <option value="">{t('anyDeadline')}</option>
            <option value="true">{t('overdueOnly')}</option>
            <option value="false">{t('onTimeOnly')}</option>
          </select>
        </label>
        <label>
          {t('periodFrom')}
          <input type="date" name="from" value={draft.from} onChange={set('from')} />
        </label>
        <label>
          {t('periodTo')}
          <input type="date" name="to" value={draft.to} onChange={set('to')} />
        </label>
        <label>
          {t('periodOf')}
          <select name="periodOf" value={draft.periodOf || 'created'} onChange={set('periodOf')}>
            <option value="created">{t('created')}</option>
            <option value="updated">{t('updated')}</option>
          </select>
        </label>
        <div class="actions">
          <button type="submit">{t('apply')}</button>
          <button type="button" class="secondary" onClick={() => go({})}>
            {t('clear')}
          </button>
        </div>
      </form>

      <Loaded state={list}>
        {(p) => {
          // Past 2,000 matches the API stops counting: "2,000+", and paging goes on while pages are full.
          const totalText = p.totalExact ? number(p.total, lang) : `${number(p.total, lang)}+`;
          const pages = p.totalExact ? Math.max(1, Math.ceil(p.total / p.pageSize)) : Math.max(p.page + (p.items.length === p.pageSize ? 1 : 0), Math.ceil(p.total / p.pageSize));
          const first = p.items.length ? (p.page - 1) * p.pageSize + 1 : 0;
          const last = (p.page - 1) * p.pageSize + p.items.length;
          return (
            <div class="panel">
              <div class="list-meta">
                <p role="status" data-testid="list-range">
                  {t('rangeOf', { from: first, to: last, total: totalText })}
                </p>
                <label class="inline">
                  {t('pageSize')}
                  <select value={String(pageSize)} onChange={(e) => go(applied, { pageSize: e.currentTarget.value })}>
                    {[...new Set([10, 25, 50, 100, pageSize])].sort((a, b) => a - b).map((n) => (
                      <option value={String(n)}>{n}</option>
                    ))}
                  </select>
                </label>
              </div>
              <table class="data" data-testid="proposal-table">
                <thead>
                  <tr>
                    {sortHeader(lang === 'mn' ? 'titleMn' : 'titleEn', t('title'))}
                    {sortHeader('stage', t('stage'))}
                    <th scope="col">{t('owner')}</th>
                    <th scope="col">{t('division')}</th>
                    {sortHeader('dueAt', t('stageDue'))}
                    {sortHeader('createdAt', t('created'))}
                    {sortHeader('updatedAt', t('updated'))}
                  </tr>
                </thead>
                <tbody>
                  {p.items.length === 0 && (
                    <tr>
                      <td colSpan={7} class="muted">
                        {t('noResults')}
                      </td>
                    </tr>
                  )}
                  {p.items.map((r) => (
                    <tr data-testid="proposal-row" data-id={r.id}>
                      <td>
                        <Link to={`/proposals/${r.id}`}>{loc(r.title)}</Link>
                      </td>
                      <td>
                        {loc(r.stageName)}
                        {r.status !== 'open' && <span class="badge">{hasKey(`status_${r.status}`) ? t(`status_${r.status}` as never) : r.status}</span>}
                      </td>
                      <td>{personName(r.owner)}</td>
                      <td>{r.division ?? '—'}</td>
                      <td class={r.overdue ? 'bad' : ''}>
                        {dateUb(r.dueAt)}
                        {r.overdue && <span class="badge bad">{t('overdue')}</span>}
                      </td>
                      <td>{dateUb(r.createdAt)}</td>
                      <td>{dateUb(r.updatedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <nav class="pager" aria-label={t('pageOf', { page: p.page, pages: p.totalExact ? pages : `${pages}+` })}>
                <button type="button" class="secondary" data-testid="page-prev" disabled={p.page <= 1} onClick={() => go(applied, { page: String(p.page - 1) })}>
                  {t('previous')}
                </button>
                <span data-testid="page-of">{t('pageOf', { page: p.page, pages: p.totalExact ? pages : `${pages}+` })}</span>
                <button type="button" class="secondary" data-testid="page-next" disabled={p.items.length < p.pageSize || (p.totalExact && p.page >= pages)} onClick={() => go(applied, { page: String(p.page + 1) })}>
                  {t('next')}
                </button>
              </nav>
            </div>
          );
        }}
      </Loaded>
    </section>
  );
}
