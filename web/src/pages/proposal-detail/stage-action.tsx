import { useState } from 'preact/hooks';
import { DEFINITIONS_BY_KIND } from '../../../../libs/domain/process/stage-labels';
import { ApiFailure, currentUser } from '../../api';
import { errorText } from '../../components/Async';
import { fieldProblems, problemText } from '../../components/FieldErrors';
import { language, t } from '../../i18n';
import { useSignal } from '../../state';
import type { FieldProblem, ProposalStatus } from '../../types';

/** What a workflow action returns: the stage after it and the sequence number of its last event. */
export interface ActionResult {
  stage: string;
  status?: string;
  eventSeq: number;
}

/** Waits until the read model shows what an action did, then redraws the page. */
export type Settle = (shows: (p: ProposalStatus) => boolean) => Promise<void>;
export const caughtUp = (r: ActionResult) => (fresh: ProposalStatus) => fresh.eventSeq >= r.eventSeq;

/** The person looking, as the stage-work panels need them. */
export interface Viewer {
  id: string;
  isOwner: boolean;
  isAdmin: boolean;
  isDivisionHead: boolean;
  /** Owner or admin of an open proposal: the one who does its stage work. */
  canWork: boolean;
}

export function viewerOf(p: ProposalStatus): Viewer | null {
  const me = currentUser.get();
  if (!me) return null;
  const isOwner = p.owner?.id === me.id;
  const isAdmin = me.roles.includes('admin');
  return { id: me.id, isOwner, isAdmin, isDivisionHead: me.roles.includes('division_head'), canWork: p.status === 'open' && (isOwner || isAdmin) };
}

/** The work the current stage asks for (`submit`, `complete_work`, `cabinet_outcome`, `parliament_outcome`, `deposit`, `implementation`), from the kind's stage definitions. */
export function stageWorkAction(p: Pick<ProposalStatus, 'kind' | 'stage'>): string | null {
  for (const def of [...(DEFINITIONS_BY_KIND[p.kind] ?? [])].reverse()) {
    const stage = def.stages.find((s) => s.code === p.stage);
    if (stage) return stage.work?.action ?? null;
  }
  return null;
}

/** The workflow's reasons, which are English, in Mongolian too (the input checks' and the trip rules' come with both). */
const REASONS_MN: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^is required$/, () => 'заавал бөглөнө'],
  [/^are required\b/, () => 'энэ шийдвэрийн үед заавал бичнэ'],
  [/^must be YYYY-MM-DD$/, () => 'огноог ОООО-СС-ӨӨ хэлбэрээр бичнэ'],
  [/^cannot be in the future$/, () => 'ирээдүйн огноо байж болохгүй'],
  [/^must be longer than or equal to (\d+) characters$/, (m) => `дор хаяж ${m[1]} тэмдэгт байна`],
  [/^must be shorter than or equal to (\d+) characters$/, (m) => `${m[1]} тэмдэгтээс хэтрэхгүй`],
  [/^must be a UUID$/, () => 'жагсаалтаас сонгоно уу'],
  [/^should not be empty$/, () => 'заавал бөглөнө'],
];

function bilingualReason(field: string, reason: string): FieldProblem {
  // A reason already in both languages ("... / ...", the convention checks).
  const split = reason.indexOf(' / ');
  if (split > 0) return { field, reason: reason.slice(0, split), reasonMn: reason.slice(split + 3) };
  // class-validator and the workflow name the field first ("resolutionDate cannot be in the future").
  const plain = reason.startsWith(`${field} `) ? reason.slice(field.length + 1) : reason;
  for (const [re, mn] of REASONS_MN) {
    const m = re.exec(plain);
    if (m) return { field, reason: plain, reasonMn: mn(m) };
  }
  return { field, reason: plain };
}

/**
 * The field problems of a refusal: a 400's `details[]` (input checks), or a workflow refusal (400 `invalid_input`)
 * whose message names one of the form's fields, e.g. "resolutionDate cannot be in the future".
 */
export function refusalProblems(err: unknown, fields: readonly string[]): FieldProblem[] {
  const listed = fieldProblems(err);
  if (listed.length) return listed.map((p) => (p.reasonMn ? p : bilingualReason(p.field, p.reason)));
  if (!(err instanceof ApiFailure) || err.status !== 400) return [];
  const message = err.body?.message ?? '';
  const named = fields.find((f) => message === f || message.startsWith(`${f} `));
  return named ? [bilingualReason(named, message)] : [];
}

/** A refusal in the reader's language; in Mongolian the API's specific English reason follows its general sentence. */
export function refusalText(err: unknown): string {
  const text = errorText(err);
  if (!(err instanceof ApiFailure) || language.get() !== 'mn') return text;
  const detail = err.body?.message;
  return detail && detail !== text && !text.includes(detail) ? `${text} (${detail})` : text;
}

/**
 * Runs one form's action: busy while it runs, then the result, or the refusal with its reasons under the fields
 * (`fields` are the request fields the form has inputs for; other refusals are shown as the form's message).
 */
export function useStageAction(settle: Settle, fields: readonly string[]) {
  const [busy, setBusy] = useState(false);
  // Kept as a function of the language, so a message already shown follows a switch of language.
  const [message, setMessage] = useState<Message | null>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  async function run(action: () => Promise<ActionResult>): Promise<boolean> {
    setBusy(true);
    setMessage(null);
    setProblems([]);
    try {
      const result = await action();
      await settle(caughtUp(result));
      setMessage({ ok: true, text: () => t('done') });
      return true;
    } catch (err) {
      const found = refusalProblems(err, fields);
      setProblems(found);
      const onFields = found.length > 0 && found.every((p) => fields.includes(p.field.replace(/\[\d+\]$/, '')));
      setMessage({ ok: false, text: onFields ? () => t('fixFields') : () => refusalText(err) });
      return false;
    } finally {
      setBusy(false);
    }
  }
  /** Problems found before asking the API (a required field left empty). */
  function refuse(found: FieldProblem[]) {
    setProblems(found);
    setMessage({ ok: false, text: () => t('fixFields') });
  }
  const messages = (field: string) => problems.filter((x) => x.field === field || x.field.startsWith(`${field}[`)).map(problemText);
  const fail = (text: () => string) => setMessage({ ok: false, text });
  return { busy, message, messages, run, fail, refuse, problems };
}

/** A field left empty, found before asking the API. */
export const required = (field: string): FieldProblem => ({ field, reason: 'Required.', reasonMn: 'Заавал бөглөнө.' });

/** An action's result or refusal, in the reader's language. */
export interface Message {
  ok: boolean;
  text: () => string;
}

export function Outcome(props: { message: Message | null; testId: string }) {
  useSignal(language);
  if (!props.message) return null;
  return (
    <p class={`notice ${props.message.ok ? 'ok' : 'error'}`} role={props.message.ok ? 'status' : 'alert'} data-testid={props.testId}>
      {props.message.text()}
    </p>
  );
}
