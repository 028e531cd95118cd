import { Inject, Injectable, Logger } from '@nestjs/common';
import { ActionTokenEntity, hashActionToken, isWellFormedActionToken, ProposalRepository, UserDirectoryRepository } from '../../../../libs/db';
import { DECISION_LABELS } from '../../../../libs/domain';
import { isLanguage, Language, Localized, STANDARD_ACTIONS } from '../../../../libs/mail';
import { ActionCsrfService } from './action-csrf.service';
import { ActionLinkState, ActionTokenService } from './action-token.service';
import { PageLinkFacts, renderConfirmPage, RenderedPage, renderResultPage } from './pages/action-pages';
import { TASK_DECISION_PORT, TaskDecisionPort } from './task-decision.port';
import { ActionFormDto } from './dto/action-form.dto';

export interface ShownPage extends RenderedPage {
  /** A nonce to set as the page's cookie (only on the confirmation page). */
  nonce?: string;
}

/** Request id of the decision a link makes: one per link, so a released and retried click is the same update. */
export function actionLinkRequestId(link: ActionTokenEntity): string {
  return `action-link-${link.id}`;
}

/**
 * The email action-link flow: GET/HEAD shows a confirmation page and never changes anything; a confirmed POST
 * (CSRF-checked) uses the link up and hands the decision to the workflow through the TaskDecisionPort.
 */
@Injectable()
export class ActionLinksService {
  private readonly logger = new Logger(ActionLinksService.name);

  constructor(
    private readonly tokens: ActionTokenService,
    private readonly csrf: ActionCsrfService,
    private readonly proposals: ProposalRepository,
    private readonly users: UserDirectoryRepository,
    @Inject(TASK_DECISION_PORT) private readonly decisions: TaskDecisionPort,
  ) {}

  async show(token: string, formAction: string, cookieNonce: string | undefined): Promise<ShownPage> {
    const state = await this.tokens.inspect(token);
    if (state.kind !== 'active') return this.statePage(state);
    const nonce = this.csrf.isNonce(cookieNonce) ? cookieNonce : this.csrf.newNonce();
    const page = await this.confirmPage(state.link, formAction, this.csrf.formToken(hashActionToken(token), nonce));
    return { ...page, nonce };
  }

  async confirm(token: string, formAction: string, form: ActionFormDto, cookieNonce: string | undefined): Promise<RenderedPage> {
    if (!isWellFormedActionToken(token)) return renderResultPage('invalid', { language: 'mn' });
    const tokenHash = hashActionToken(token);
    if (!this.csrf.verify(tokenHash, cookieNonce, form.csrf)) {
      const state = await this.tokens.inspect(token);
      // A dead link says so whatever the form; a live one asks for the confirmation page again.
      if (state.kind !== 'active') return this.statePage(state);
      return renderResultPage('form_expired', { language: this.language(state.link), retryHref: formAction });
    }
    const state = await this.tokens.inspect(token);
    if (state.kind !== 'active') return this.statePage(state);
    const link = state.link;
    const comment = form.comment?.trim() ?? '';
    if (link.commentRequired && !comment) {
      return this.confirmPage(link, formAction, form.csrf!, { comment: form.comment, commentMissing: true });
    }

    const requestId = actionLinkRequestId(link);
    // Using the link, reading the page's facts and the decision's own reads run together; the decision is sent
    // only once the link is used (`sendWhen`), so a link still decides at most once.
    const consuming = this.tokens.consume(token, requestId, link.taskId);
    const factsRead = this.facts(link);
    const deciding = this.decisions.decide(link.taskId, link.action, link.assigneeId, comment || null, requestId, {
      proposalId: link.proposalId,
      sendWhen: consuming.then((c) => c.kind === 'consumed'),
    });
    deciding.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
    const consumed = await consuming;
    if (consumed.kind !== 'consumed') return this.statePage(consumed);

    let outcome;
    try {
      outcome = await deciding;
    } catch (err) {
      const facts = await factsRead;
      this.logger.warn({ err: (err as Error).message, taskId: link.taskId, requestId }, 'decision could not be delivered; link released');
      await this.tokens.release(link, requestId).catch(() => undefined);
      return renderResultPage('unavailable', { language: this.language(link), link: facts });
    }
    const facts = await factsRead;
    switch (outcome.outcome) {
      case 'applied':
        return renderResultPage('done', { language: this.language(link), link: facts, decidedAt: outcome.decidedAt ?? consumed.link.usedAt });
      case 'already_decided':
        // The link did nothing: it is not "used" by this person. The task is closed, so all its links go.
        await this.tokens.release(link, requestId);
        await this.tokens.revokeForTask(link.taskId, 'task_closed');
        return renderResultPage('already_decided', {
          language: this.language(link),
          link: facts,
          decidedBy: outcome.decidedBy,
          decidedAt: outcome.decidedAt,
          decision: outcome.decision,
        });
      case 'not_allowed':
        // The task is still open (e.g. a document is missing): keep the link usable for later.
        await this.tokens.release(link, requestId);
        return renderResultPage('not_allowed', { language: this.language(link), link: facts, reason: outcome.reason });
      case 'not_sent':
        // Cannot happen once the link is used (sendWhen resolved true); answered as "try again" rather than trusted.
        await this.tokens.release(link, requestId);
        return renderResultPage('unavailable', { language: this.language(link), link: facts });
    }
  }

  private async confirmPage(link: ActionTokenEntity, formAction: string, csrf: string, extra: { comment?: string; commentMissing?: boolean } = {}): Promise<RenderedPage> {
    return renderConfirmPage({
      language: this.language(link),
      link: { ...(await this.facts(link)), assigneeName: link.assigneeName, expiresAt: link.expiresAt },
      formAction,
      csrf,
      commentRequired: link.commentRequired,
      tone: STANDARD_ACTIONS[link.action]?.tone ?? 'primary',
      ...extra,
    });
  }

  private async statePage(state: Exclude<ActionLinkState, { kind: 'active' }>): Promise<RenderedPage> {
    if (state.kind === 'invalid') return renderResultPage('invalid', { language: 'mn' });
    const link = state.link;
    const language = this.language(link);
    const facts = await this.facts(link);
    switch (state.kind) {
      case 'used':
        return renderResultPage('used', { language, link: facts, decidedBy: link.assigneeName, decidedAt: link.usedAt });
      case 'expired':
        return renderResultPage('expired', { language, link: { ...facts, expiresAt: link.expiresAt } });
      case 'revoked': {
        const winner = state.decidedWith;
        if (state.reason === 'superseded' && winner) {
          return renderResultPage('already_decided', { language, link: facts, decidedBy: winner.assigneeName, decidedAt: winner.usedAt, decision: label(winner) });
        }
        // Closed by the workflow (decided in the web app or the API, withdrawn...): the read model says by whom and when.
        const closed = state.reason === 'reassigned' || state.reason === 'not_delivered' ? null : await this.closedTask(link);
        return renderResultPage('revoked', { language, link: facts, revokedReason: state.reason, ...(closed ?? {}) });
      }
    }
  }

  /**
   * How the link's task was closed, from the read model: the task row (decision, who, when), and the timeline for
   * who acted when the row names nobody (e.g. a withdrawal). Null while the row still shows the task open.
   */
  private async closedTask(link: ActionTokenEntity): Promise<{ decidedBy: string | null; decidedAt: Date | null; decision: Localized | null } | null> {
    try {
      const task = (await this.proposals.tasks(link.proposalId)).find((t) => t.id === link.taskId);
      if (!task || task.status === 'open') return null;
      let byId = task.decidedBy;
      if (!byId && task.closedAt) {
        const timeline = await this.proposals.timeline(link.proposalId);
        // The action that closed it happened at the same workflow time as the closing.
        const closing = timeline.filter((e) => e.actorId && e.occurredAt.getTime() === task.closedAt!.getTime()).pop();
        byId = closing?.actorId ?? null;
      }
      const by = byId ? await this.users.findById(byId) : null;
      const decision = task.decision ? (DECISION_LABELS[task.decision] ?? { en: task.decision, mn: task.decision }) : null;
      return { decidedBy: by ? personName(by) : null, decidedAt: task.closedAt, decision };
    } catch (err) {
      // The page still says the link is closed; only the details are missing.
      this.logger.warn({ err: (err as Error).message, taskId: link.taskId }, 'could not read how the task was closed');
      return null;
    }
  }

  private async facts(link: ActionTokenEntity): Promise<PageLinkFacts> {
    const proposal = await this.proposals.findById(link.proposalId).catch(() => null);
    return { actionLabel: label(link), proposalTitle: proposal ? { mn: proposal.titleMn, en: proposal.titleEn } : null };
  }

  private language(link: ActionTokenEntity): Language {
    return isLanguage(link.language) ? link.language : 'mn';
  }
}

function personName(u: { nameMn: string; nameLatin: string }): string {
  return u.nameMn && u.nameLatin && u.nameMn !== u.nameLatin ? `${u.nameMn} / ${u.nameLatin}` : u.nameMn || u.nameLatin;
}

function label(link: ActionTokenEntity): Localized {
  return { mn: link.labelMn, en: link.labelEn };
}
