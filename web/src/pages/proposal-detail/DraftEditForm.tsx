import { useEffect, useState } from 'preact/hooks';
import { CONVENTIONS_V1 } from '../../../../libs/domain/conventions/conventions.v1';
import { request, requestId } from '../../api';
import { FieldError, invalidProps } from '../../components/FieldErrors';
import { language, loc, t } from '../../i18n';
import { useSignal } from '../../state';
import type { AccessionDetails, ProposalStatus } from '../../types';
import { ActionResult, Outcome, Settle, useStageAction } from './stage-action';

const FIELDS = ['titleEn', 'titleMn', 'summary', 'conventionCode'] as const;
type DraftField = (typeof FIELDS)[number];

/** DRAFT: the owner edits the titles, the summary and the convention (PATCH /api/v1/proposals/:id); only what changed is sent. */
export function DraftEditForm(props: { proposal: ProposalStatus; settle: Settle }) {
  useSignal(language);
  const p = props.proposal;
  const stored = (): Record<DraftField, string> => ({ titleEn: p.title.en, titleMn: p.title.mn, summary: p.summary ?? '', conventionCode: (p.details as AccessionDetails).fields?.conventionCode ?? '' });
  const [form, setForm] = useState(stored);
  const action = useStageAction(props.settle, FIELDS);
  // The form starts from the draft as it stands, and again after each save.
  useEffect(() => setForm(stored()), [p.eventSeq, p.title.en, p.title.mn, p.summary]);
  const set = (k: DraftField) => (e: Event) => setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement).value });
  const msg = (k: DraftField) => action.messages(k);

  function save(e: Event) {
    e.preventDefault();
    const before = stored();
    const patch = Object.fromEntries(FIELDS.filter((k) => form[k].trim() !== before[k]).map((k) => [k, form[k].trim()]));
    if (!Object.keys(patch).length) return action.fail(() => t('nothingChanged'));
    void action.run(() => request<ActionResult>('PATCH', `/proposals/${p.id}`, { requestId: requestId(), ...patch }));
  }

  return (
    <details class="panel" data-testid="edit-draft">
      <summary>{t('editDraft')}</summary>
      <form class="stack" onSubmit={save} noValidate>
        <div class="row">
          <label>
            {t('titleEn')}
            <input name="draft-titleEn" lang="en" maxLength={300} value={form.titleEn} onInput={set('titleEn')} {...invalidProps('draft-titleEn', msg('titleEn'))} />
            <FieldError field="draft-titleEn" messages={msg('titleEn')} />
          </label>
          <label>
            {t('titleMn')}
            <input name="draft-titleMn" lang="mn" maxLength={300} value={form.titleMn} onInput={set('titleMn')} {...invalidProps('draft-titleMn', msg('titleMn'))} />
            <FieldError field="draft-titleMn" messages={msg('titleMn')} />
          </label>
        </div>
        <label>
          {t('convention')}
          <select name="draft-conventionCode" value={form.conventionCode} onChange={set('conventionCode')} {...invalidProps('draft-conventionCode', msg('conventionCode'))}>
            {!form.conventionCode && <option value="">—</option>}
            {CONVENTIONS_V1.conventions.map((c) => (
              <option value={c.code}>
                {c.code}: {loc(c.shortName)}
              </option>
            ))}
          </select>
          <FieldError field="draft-conventionCode" messages={msg('conventionCode')} />
        </label>
        <label>
          {t('summary')}
          <textarea name="draft-summary" rows={3} maxLength={5000} value={form.summary} onInput={set('summary')} {...invalidProps('draft-summary', msg('summary'))} />
          <FieldError field="draft-summary" messages={msg('summary')} />
        </label>
        <div class="actions">
          <button type="submit" class="secondary" disabled={action.busy} data-testid="save-draft">
            {t('saveDraft')}
          </button>
        </div>
        <Outcome message={action.message} testId="draft-outcome" />
      </form>
    </details>
  );
}
