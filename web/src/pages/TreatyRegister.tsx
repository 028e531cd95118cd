import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { download, get } from '../api';
import { errorText, Loaded, useAsync } from '../components/Async';
import { Link } from '../components/Link';
import { number } from '../format';
import { language, loc, t } from '../i18n';
import { location, navigate } from '../router';
import { useSignal } from '../state';
import type { RegisterEntry, RegisterFilters, RegisterList } from '../types';

/** Filters kept in the URL, so a filtered register can be bookmarked, shared and exported as shown. */
const FILTER_KEYS = ['q', 'category', 'status', 'counterpartCountry', 'inForceOn', 'order'] as const;
type FilterState = Record<(typeof FILTER_KEYS)[number], string>;

function fromQuery(q: URLSearchParams): FilterState {
  return Object.fromEntries(FILTER_KEYS.map((k) => [k, q.get(k) ?? ''])) as FilterState;
}

function toQuery(f: Partial<FilterState>): URLSearchParams {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) q.set(k, v);
  return q;
}

const STATUS_CLASS: Record<string, string> = { terminated: 'bad', expired: 'bad' };

/** Every instrument binding the country or that did: conventions acceded and bilateral agreements and MoUs. */
export function TreatyRegisterPage() {
  const lang = useSignal(language);
  const { query } = useSignal(location);
  const applied = fromQuery(query);
  const [draft, setDraft] = useState<FilterState>(applied);
  const [exportError, setExportError] = useState<string | null>(null);
  useEffect(() => setDraft(applied), [query.toString()]);

  const filters = useAsync(() => get<RegisterFilters>('/register/filters'), []);
  const listQuery = toQuery(applied).toString();
  const list = useAsync(() => get<RegisterList>(`/register${listQuery ? `?${listQuery}` : ''}`), [listQuery]);

  const go = (f: Partial<FilterState>) => {
    const q = toQuery(f).toString();
    navigate(`/register${q ? `?${q}` : ''}`);
  };
  const set = (k: keyof FilterState) => (e: Event) => setDraft({ ...draft, [k]: (e.currentTarget as HTMLInputElement).value });

  async function exportAs(ext: 'csv' | 'xlsx') {
    setExportError(null);
    try {
      await download(`/register/export.${ext}${listQuery ? `?${listQuery}` : ''}`, `accord-treaty-register.${ext}`);
    } catch (err) {
      setExportError(errorText(err));
    }
  }

  return (
    <section aria-labelledby="register-title">
      <div class="page-head">
        <h1 id="register-title">{t('registerTitle')}</h1>
        <div class="toolbar">
          <button type="button" class="secondary" data-testid="register-export-csv" onClick={() => void exportAs('csv')}>
            {t('exportCsv')}
          </button>
          <button type="button" class="secondary" data-testid="register-export-xlsx" onClick={() => void exportAs('xlsx')}>
            {t('exportXlsx')}
          </button>
        </div>
      </div>
      {exportError && (
        <p class="notice error" role="alert">
          {exportError}
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
          {t('category')}
          <select name="category" value={draft.category} onChange={set('category')}>
            <option value="">{t('allCategories')}</option>
            {(filters.data?.categories ?? []).map((c) => (
              <option value={c.code}>{loc(c.name)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('status')}
          <select name="status" value={draft.status} onChange={set('status')}>
            <option value="">{t('anyStatus')}</option>
            {(filters.data?.statuses ?? []).map((s) => (
              <option value={s.code}>{loc(s.name)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('counterpartCountry')}
          <select name="counterpartCountry" value={draft.counterpartCountry} onChange={set('counterpartCountry')}>
            <option value="">{t('allCountries')}</option>
            {(filters.data?.countries ?? []).map((c) => (
              <option value={c.code}>{loc(c.name)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('inForceOn')}
          <input type="date" name="inForceOn" value={draft.inForceOn} onChange={set('inForceOn')} />
        </label>
        <label>
          {t('orderByEif')}
          <select name="order" value={draft.order || 'asc'} onChange={set('order')}>
            <option value="asc">{t('oldestFirst')}</option>
            <option value="desc">{t('newestFirst')}</option>
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
        {(r) => (
          <div class="panel">
            <div class="list-meta">
              <p class="muted">{t('registerIntro', { today: r.today })}</p>
              <p role="status" data-testid="register-count">
                {t('registerCount', { n: number(r.total, lang) })}
              </p>
            </div>
            <table class="data" data-testid="register-table">
              <thead>
                <tr>
                  <th scope="col">{t('instrument')}</th>
                  <th scope="col">{t('counterpart')}</th>
                  <th scope="col">{t('status')}</th>
                  <th scope="col">{t('dates')}</th>
                  <th scope="col">{t('obligations')}</th>
                  <th scope="col">{t('nextDeadline')}</th>
                </tr>
              </thead>
              <tbody>
                {r.items.length === 0 && (
                  <tr>
                    <td colSpan={6} class="muted">
                      {t('noRegisterResults')}
                    </td>
                  </tr>
                )}
                {r.items.map((e) => (
                  <RegisterRow entry={e} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Loaded>
    </section>
  );
}

function RegisterRow({ entry: e }: { entry: RegisterEntry }) {
  return (
    <tr data-testid="register-row" data-id={e.id} data-category={e.category} data-status={e.status}>
      <td>
        <Link to={`/proposals/${e.id}`}>{loc(e.title)}</Link>
        <div class="muted">
          {loc(e.instrumentTypeLabel)}
          {e.imported && <span class="badge">{t('importedBadge')}</span>}
        </div>
      </td>
      <td>
        {e.counterpartCountryName ? <strong>{loc(e.counterpartCountryName)}</strong> : e.conventionCode}
        {(e.counterpartAuthority || e.depositary) && <div class="muted">{e.counterpartAuthority ?? loc(e.depositary)}</div>}
      </td>
      <td>
        <span class={`badge nowrap ${STATUS_CLASS[e.status] ?? ''}`} data-testid="register-status">
          {loc(e.statusLabel)}
        </span>
      </td>
      <td>
        <dl class="facts dates">
          {e.depositDate && <Fact label={t('deposit')} value={e.depositDate} />}
          {e.signatureDate && <Fact label={t('signature')} value={e.signatureDate} />}
          <Fact label={t('entryIntoForce')} value={e.entryIntoForce ?? '—'} testId="register-eif" />
          {e.endDate && <Fact label={t('ends')} value={e.endDate} />}
        </dl>
      </td>
      <td>
        <dl class="facts">
          {e.annexes.length > 0 && (
            <Fact
              label={t('annexes')}
              value={e.annexes.map((a) => (
                <abbr title={loc(a.title)}>{a.code} </abbr>
              ))}
            />
          )}
          {e.reservations.length > 0 && <Fact label={t('reservations')} value={e.reservations.join('; ')} />}
          {e.act && <Fact label={t('act')} value={`${e.act.number}${e.act.date ? ` (${e.act.date})` : ''}`} />}
          {e.validity && <Fact label={t('validity')} value={loc(e.validity)} />}
        </dl>
      </td>
      <td data-testid="register-deadline">
        {e.nextDeadline ? (
          <>
            <strong>{e.nextDeadline.date}</strong>
            <div class="muted">{loc(e.nextDeadline.label)}</div>
          </>
        ) : (
          '—'
        )}
      </td>
    </tr>
  );
}

function Fact(props: { label: string; value: ComponentChildren; testId?: string }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd data-testid={props.testId}>{props.value}</dd>
    </>
  );
}
