import { useState } from 'preact/hooks';
import { currentUser, download, get, openHtml, post, raw, requestId } from '../api';
import { errorText, Loaded, useAsync } from '../components/Async';
import { Link } from '../components/Link';
import { dateTimeUb, dateUb } from '../format';
import { hasKey, language, loc, t } from '../i18n';
import { roleName, taskOutcome } from '../task-labels';
import { personName } from '../people';
import { useSignal } from '../state';
import type { ProposalStatus } from '../types';
import { StageWork } from './proposal-detail/StageWork';
import { stageWorkAction } from './proposal-detail/stage-action';
import { TripOwnerActions, TripSection } from './TripDetail';


/** What a workflow action returns: the stage after it and the sequence number of its last event. */
interface ActionResult {
  stage: string;
  eventSeq: number;
}

const caughtUp = (r: ActionResult, fresh: ProposalStatus) => fresh.eventSeq >= r.eventSeq;

export function ProposalDetailPage(props: { id: string }) {
  useSignal(language);
  const me = useSignal(currentUser);
  const load = () => get<ProposalStatus>(`/dashboard/proposals/${props.id}`);
  const state = useAsync(load, [props.id]);

  /** The read model follows the workflow a moment later: wait until it shows what the action did, then redraw. */
  async function settle(shows: (p: ProposalStatus) => boolean) {
    for (let i = 0; i < 40; i++) {
      if (shows(await load())) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    state.reload();
  }

  return (
    <section aria-labelledby="detail-title">
      <p>
        <Link to="/proposals">← {t('backToList')}</Link>
      </p>
      <Loaded state={state}>
        {(p) => {
          const myTasks = p.tasks.filter((x) => x.status === 'open' && x.assignee?.id === me?.id);
          const isOwner = p.owner?.id === me?.id;
          const current = p.stagePath.findIndex((x) => x.code === p.stage);
          return (
            <>
              <div class="page-head">
                <div>
                  <h1 id="detail-title" data-testid="detail-title">
                    {loc(p.title)}
                  </h1>
                  <p class="muted" lang={language.get() === 'mn' ? 'en' : 'mn'}>
                    {language.get() === 'mn' ? p.title.en : p.title.mn}
                  </p>
                </div>
                <div class="toolbar">
                  <button type="button" class="secondary" data-testid="print-report" onClick={() => void openHtml(`/dashboard/proposals/${p.id}/report?lang=${language.get()}`)}>
                    {t('printReport')}
                  </button>
                </div>
              </div>

              <ol class="stage-path" aria-label={t('stagePath')} data-testid="stage-path">
                {p.stagePath
                  .filter((x) => !x.terminal || x.code === p.stage)
                  .map((x, i) => {
                    const now = x.code === p.stage;
                    const done = p.status === 'completed' || (i < current && p.status === 'open');
                    return (
                      <li class={now ? 'now' : done ? 'done' : ''} aria-current={now ? 'step' : undefined}>
                        {loc(x.name)}
                      </li>
                    );
                  })}
              </ol>

              <dl class="facts">
                <div>
                  <dt>{t('stage')}</dt>
                  <dd data-testid="detail-stage">{loc(p.stageName)}</dd>
                </div>
                <div>
                  <dt>{t('status')}</dt>
                  <dd>{hasKey(`status_${p.status}`) ? t(`status_${p.status}` as never) : p.status}</dd>
                </div>
                <div>
                  <dt>{t('inStageSince')}</dt>
                  <dd>{dateTimeUb(p.stageEnteredAt)}</dd>
                </div>
                <div>
                  <dt>{t('stageDue')}</dt>
                  <dd class={p.overdue ? 'bad' : ''}>
                    {dateUb(p.dueAt)} {p.overdue && <span class="badge bad">{t('overdue')}</span>}
                  </dd>
                </div>
                <div>
                  <dt>{t('waitingFor')}</dt>
                  <dd>{p.currentAssignees.map(personName).join(', ') || '—'}</dd>
                </div>
                <div>
                  <dt>{t('owner')}</dt>
                  <dd>{personName(p.owner)}</dd>
                </div>
                <div>
                  <dt>{t('division')}</dt>
                  <dd>{p.division ?? '—'}</dd>
                </div>
              </dl>
              {p.summary && (
                <p class="summary">
                  <strong>{t('summary')}:</strong> {p.summary}
                </p>
              )}

              {p.kind === 'trip' && <TripSection proposal={p} />}

              {(myTasks.length > 0 || (isOwner && p.status === 'open')) && <ActionPanel proposal={p} myTasks={myTasks} isOwner={isOwner} settle={settle} />}

              <StageWork proposal={p} settle={settle} />

              <div class="grid two">
                <div class="panel">
                  <h2>{t('timeline')}</h2>
                  <ol class="timeline" data-testid="timeline">
                    {p.timeline.map((e) => (
                      <li>
                        <time>{dateTimeUb(e.occurredAt)}</time>
                        <div>
                          <strong>{hasKey(`event_${e.type}`) ? t(`event_${e.type}` as never) : e.type}</strong>
                          {e.toStageName && e.fromStage !== e.toStage && (
                            <span>
                              {' '}
                              {e.fromStageName ? `${loc(e.fromStageName)} → ` : ''}
                              {loc(e.toStageName)}
                            </span>
                          )}
                          <div class="muted small">
                            {personName(e.actor)}
                            {e.onBehalfOf ? ` (${t('onBehalfOf', { who: personName(e.onBehalfOf) })})` : ''}
                            {e.daysInStage !== null ? ` · ${t('daysInStage', { n: e.daysInStage })}` : ''}
                          </div>
                          {e.comment && <blockquote>{e.comment}</blockquote>}
                        </div>
                      </li>
                    ))}
                  </ol>
                </div>
                <div>
                  <div class="panel">
                    <h2>{t('tasks')}</h2>
                    <div class="scroll-x">
                      <table class="data" data-testid="tasks">
                        <thead>
                          <tr>
                            <th scope="col">{t('stage')}</th>
                            <th scope="col">{t('role')}</th>
                            <th scope="col">{t('assignee')}</th>
                            <th scope="col">{t('status')}</th>
                            <th scope="col">{t('due')}</th>
                          </tr>
                        </thead>
                        <tbody>
                          {p.tasks.length === 0 && (
                            <tr>
                              <td colSpan={5} class="muted">
                                {t('none')}
                              </td>
                            </tr>
                          )}
                          {p.tasks.map((x) => (
                            <tr>
                              <td>{loc(x.stageName)}</td>
                              <td>{roleName(x.role)}</td>
                              <td>{personName(x.assignee)}</td>
                              <td>{taskOutcome(x)}</td>
                              <td>{dateUb(x.dueAt)}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  </div>
                  <div class="panel">
                    <h2>{t('documents')}</h2>
                    <ul class="plain" data-testid="documents">
                      {p.documents.length === 0 && <li class="muted">{t('none')}</li>}
                      {p.documents.map((d) => (
                        <li>
                          <button type="button" class="link" onClick={() => void download(d.href.replace(/^\/api\/v1/, ''), d.fileName)}>
                            {loc(d.kindName)} v{d.version}: {d.fileName}
                          </button>
                          <div class="muted small">{t('uploadedBy', { who: personName(d.uploadedBy), at: dateTimeUb(d.uploadedAt) })}</div>
                        </li>
                      ))}
                    </ul>
                  </div>
                  <div class="panel">
                    <h2>{t('emails')}</h2>
                    <table class="data" data-testid="emails">
                      <thead>
                        <tr>
                          <th scope="col">{t('recipient')}</th>
                          <th scope="col">{t('subject')}</th>
                          <th scope="col">{t('sent')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {p.emails.length === 0 && (
                          <tr>
                            <td colSpan={3} class="muted">
                              {t('none')}
                            </td>
                          </tr>
                        )}
                        {p.emails.map((m) => (
                          <tr>
                            <td>{m.recipient}</td>
                            <td>{m.subject ?? m.template}</td>
                            <td>{m.sentAt ? dateTimeUb(m.sentAt) : m.status}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </div>
              </div>
            </>
          );
        }}
      </Loaded>
    </section>
  );
}

/** What the signed-in person can do on this proposal now: decide their approval task, finish the stage work, submit. */
function ActionPanel(props: { proposal: ProposalStatus; myTasks: ProposalStatus['tasks']; isOwner: boolean; settle: (shows: (p: ProposalStatus) => boolean) => Promise<void> }) {
  const p = props.proposal;
  const [comment, setComment] = useState('');
  const [returnTo, setReturnTo] = useState('');
  // Trips have their own action routes; stage work is the accession's. A trip's report goes to /trips/:id/report
  // (it also closes the trip), so it is not among the documents offered here.
  const trip = p.kind === 'trip';
  const base = trip ? '/trips' : '/proposals';
  const accession = p.kind === 'accession';
  const uploadKinds = trip ? p.documentKinds.filter((k) => k.code !== 'trip_report') : p.documentKinds;
  const [kind, setKind] = useState(uploadKinds[0]?.code ?? 'other');
  const [file, setFile] = useState<File | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const approval = props.myTasks.find((x) => x.kind === 'approval');
  const work = props.myTasks.find((x) => x.kind === 'work');
  const earlier = p.stagePath.slice(0, Math.max(0, p.stagePath.findIndex((x) => x.code === p.stage)));

  /** Runs an action; `shows` tells when the read model reflects its result. */
  async function run<R>(action: () => Promise<R>, shows: (result: R, p: ProposalStatus) => boolean) {
    setBusy(true);
    setMessage(null);
    try {
      const result = await action();
      setComment('');
      await props.settle((fresh) => shows(result, fresh));
      setMessage({ ok: true, text: t('done') });
    } catch (err) {
      setMessage({ ok: false, text: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  const decide = (decision: 'approve' | 'request_changes' | 'reject') => {
    if (decision !== 'approve' && !comment.trim()) return setMessage({ ok: false, text: t('commentNeeded') });
    void run(
      () =>
        post<ActionResult>(`${base}/${p.id}/decisions`, {
          requestId: requestId(),
          taskId: approval!.id,
          decision,
          ...(comment.trim() ? { comment: comment.trim() } : {}),
          ...(decision === 'request_changes' && returnTo ? { returnToStage: returnTo } : {}),
        }),
      caughtUp,
    );
  };

  return (
    <div class="panel action-panel" data-testid="action-panel">
      <h2>{t('yourTurn')}</h2>
      {approval && (
        <div class="stack">
          <label>
            {t('comment')}
            <textarea rows={3} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
          </label>
          {earlier.length > 0 && (
            <label>
              {t('returnTo')}
              <select value={returnTo} onChange={(e) => setReturnTo(e.currentTarget.value)}>
                <option value="">—</option>
                {earlier.map((s) => (
                  <option value={s.code}>{loc(s.name)}</option>
                ))}
              </select>
            </label>
          )}
          <div class="actions">
            <button type="button" disabled={busy} onClick={() => decide('approve')}>
              {t('approve')}
            </button>
            <button type="button" class="secondary" disabled={busy} onClick={() => decide('request_changes')}>
              {t('requestChanges')}
            </button>
            <button type="button" class="danger" disabled={busy} onClick={() => decide('reject')}>
              {t('reject')}
            </button>
          </div>
        </div>
      )}
      {props.isOwner && (accession || (trip && p.stage !== 'REPORT_DUE')) && p.status === 'open' && (
        <form
          class="inline-form"
          data-testid="upload-document"
          onSubmit={(e) => {
            e.preventDefault();
            if (!file) return;
            const form = new FormData();
            form.set('kind', kind);
            form.set('requestId', requestId());
            form.set('file', file);
            void run(
              async () => (await raw('POST', `/proposals/${p.id}/documents`, form)).json() as Promise<{ id: string }>,
              (doc, fresh) => fresh.documents.some((d) => d.id === doc.id),
            );
          }}
        >
          <label>
            {t('documentKind')}
            <select name="documentKind" value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
              {uploadKinds.map((k) => (
                <option value={k.code}>{loc(k.name)}</option>
              ))}
            </select>
          </label>
          <label>
            {t('file')}
            <input type="file" data-testid="document-file" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
          </label>
          <button type="submit" class="secondary" disabled={busy || !file}>
            {t('upload')}
          </button>
        </form>
      )}
      {props.isOwner && p.stage === 'DRAFT' && p.status === 'open' && (
        <button type="button" data-testid="submit-proposal" disabled={busy} onClick={() => void run(() => post<ActionResult>(`${base}/${p.id}/submit`, { requestId: requestId() }), caughtUp)}>
          {t('submit')}
        </button>
      )}
      {props.isOwner && trip && <TripOwnerActions proposal={p} settle={props.settle} />}
      {props.isOwner && accession && work && stageWorkAction(p) === 'complete_work' && (
        <button type="button" data-testid="complete-stage" disabled={busy} onClick={() => void run(() => post<ActionResult>(`/proposals/${p.id}/complete-stage`, { requestId: requestId() }), caughtUp)}>
          {t('completeStage')}
        </button>
      )}
      {message && (
        <p class={`notice ${message.ok ? 'ok' : 'error'}`} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
