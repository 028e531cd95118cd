import { useState } from 'preact/hooks';
import { download, post, requestId } from '../../api';
import { FieldError, invalidProps } from '../../components/FieldErrors';
import { dateTimeUb, todayUb } from '../../format';
import { language, t } from '../../i18n';
import { personName } from '../../people';
import { useSignal } from '../../state';
import type { AccessionDetails, CoordinationRemark, ProposalStatus } from '../../types';
import { usePeople } from '../TripDetail';
import { ActionResult, Outcome, required, Settle, useStageAction, Viewer } from './stage-action';

/**
 * Coordination with the consulted bodies: the comments table (each body's remarks, the deadline to reply, the
 * division's answer) with its CSV export for the Cabinet submission; in COORDINATION the owner records remarks and
 * answers each one.
 */
export function RemarksPanel(props: { proposal: ProposalStatus; viewer: Viewer | null; settle: Settle }) {
  useSignal(language);
  const p = props.proposal;
  const remarks = (p.details as AccessionDetails).remarks ?? [];
  const editable = p.stage === 'COORDINATION' && !!props.viewer?.canWork;
  const answeredBy = usePeople([...new Set(remarks.map((r) => r.respondedBy).filter((x): x is string => !!x))]);
  if (!remarks.length && p.stage !== 'COORDINATION') return null;
  const today = todayUb();
  const nameOf = (id: string | null) => (id ? personName(answeredBy.data?.find((x) => x.id === id) ?? null) : '');

  return (
    <div class="panel" data-testid="remarks-panel">
      <div class="panel-head">
        <h2>{t('remarksTitle')}</h2>
        {remarks.length > 0 && (
          <button type="button" class="link" data-testid="remarks-csv" onClick={() => void download(`/proposals/${p.id}/remarks.csv`, `comments-${p.id}.csv`)}>
            {t('remarksCsv')}
          </button>
        )}
      </div>
      <table class="data" data-testid="remarks">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('consultedBody')}</th>
            <th scope="col">{t('remarksText')}</th>
            <th scope="col">{t('replyDeadline')}</th>
            <th scope="col">{t('remarkResponse')}</th>
          </tr>
        </thead>
        <tbody>
          {remarks.length === 0 && (
            <tr>
              <td colSpan={5} class="muted">
                {t('noRemarksYet')}
              </td>
            </tr>
          )}
          {remarks.map((r, i) => {
            const late = !r.response && !!r.replyDeadline && r.replyDeadline < today;
            return (
              <tr data-testid="remark-row" data-remark-id={r.id}>
                <td>{i + 1}</td>
                <td>
                  {r.body}
                  <div class="muted small">{t('recordedAt', { at: dateTimeUb(r.recordedAt) })}</div>
                </td>
                <td class="prewrap">{r.remarks}</td>
                <td class={late ? 'bad' : ''}>
                  {r.replyDeadline ?? '—'}
                  {late && <span class="badge bad">{t('overdue')}</span>}
                </td>
                <td>
                  {r.response ? (
                    <>
                      <div class="prewrap">{r.response}</div>
                      <div class="muted small">{t('answeredAt', { who: nameOf(r.respondedBy), at: dateTimeUb(r.respondedAt) })}</div>
                    </>
                  ) : editable ? (
                    <AnswerRemark proposal={p} remark={r} settle={props.settle} />
                  ) : (
                    <span class="muted">{t('notAnsweredYet')}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {editable && <RecordRemark proposal={p} settle={props.settle} />}
    </div>
  );
}

function RecordRemark(props: { proposal: ProposalStatus; settle: Settle }) {
  useSignal(language);
  const [body, setBody] = useState('');
  const [remarks, setRemarks] = useState('');
  const [replyDeadline, setDeadline] = useState('');
  const action = useStageAction(props.settle, ['body', 'remarks', 'replyDeadline']);
  const msg = { body: action.messages('body'), remarks: action.messages('remarks'), replyDeadline: action.messages('replyDeadline') };

  async function save(e: Event) {
    e.preventDefault();
    const missing = [...(body.trim() ? [] : [required('body')]), ...(remarks.trim() ? [] : [required('remarks')])];
    if (missing.length) return action.refuse(missing);
    const ok = await action.run(() =>
      post<ActionResult>(`/proposals/${props.proposal.id}/remarks`, { requestId: requestId(), body: body.trim(), remarks: remarks.trim(), ...(replyDeadline ? { replyDeadline } : {}) }),
    );
    if (ok) {
      setBody('');
      setRemarks('');
      setDeadline('');
    }
  }

  return (
    <form class="stack sub-form" data-testid="record-remark" onSubmit={save} noValidate>
      <h3 class="small">{t('recordRemark')}</h3>
      <div class="row">
        <label>
          {t('consultedBody')}
          <input name="remark-body" maxLength={200} value={body} onInput={(e) => setBody(e.currentTarget.value)} {...invalidProps('remark-body', msg.body)} />
          <FieldError field="remark-body" messages={msg.body} />
        </label>
        <label>
          {t('replyDeadline')}
          <input type="date" name="remark-replyDeadline" value={replyDeadline} onInput={(e) => setDeadline(e.currentTarget.value)} {...invalidProps('remark-replyDeadline', msg.replyDeadline)} />
          <FieldError field="remark-replyDeadline" messages={msg.replyDeadline} />
        </label>
      </div>
      <label>
        {t('remarksText')}
        <textarea name="remark-remarks" rows={3} maxLength={8000} value={remarks} onInput={(e) => setRemarks(e.currentTarget.value)} {...invalidProps('remark-remarks', msg.remarks)} />
        <FieldError field="remark-remarks" messages={msg.remarks} />
      </label>
      <div class="actions">
        <button type="submit" class="secondary" disabled={action.busy} data-testid="save-remark">
          {t('saveRemark')}
        </button>
      </div>
      <Outcome message={action.message} testId="remark-outcome" />
    </form>
  );
}

function AnswerRemark(props: { proposal: ProposalStatus; remark: CoordinationRemark; settle: Settle }) {
  useSignal(language);
  const [response, setResponse] = useState('');
  const action = useStageAction(props.settle, ['response']);
  const field = `response-${props.remark.id}`;
  const msg = action.messages('response');
  return (
    <form
      class="stack"
      data-testid={`answer-${props.remark.id}`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!response.trim()) return action.refuse([required('response')]);
        void action.run(() => post<ActionResult>(`/proposals/${props.proposal.id}/remarks/${encodeURIComponent(props.remark.id)}/response`, { requestId: requestId(), response: response.trim() }));
      }}
    >
      <label>
        <span class="sr-only">{t('answerTo', { body: props.remark.body })}</span>
        <textarea name={field} rows={2} maxLength={8000} value={response} onInput={(e) => setResponse(e.currentTarget.value)} {...invalidProps(field, msg)} />
        <FieldError field={field} messages={msg} />
      </label>
      <div class="actions">
        <button type="submit" class="secondary" disabled={action.busy}>
          {t('saveAnswer')}
        </button>
      </div>
      <Outcome message={action.message} testId={`answer-outcome-${props.remark.id}`} />
    </form>
  );
}
