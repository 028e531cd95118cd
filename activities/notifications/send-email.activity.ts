import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { ActionTokenRepository, ActionTokenRevokeReason, EmailOutboxRepository } from '../../libs/db';
import {
  ActionChoice,
  deterministicMessageId,
  isLanguage,
  isMailTemplateName,
  isValidMailAddress,
  Language,
  MailRecipient,
  MailSendError,
  MailTemplateError,
  MailTemplateName,
  MailTransport,
  renderTemplate,
  resolveActionChoice,
  ResolvedActionChoice,
  toRecipient,
  UnknownActionError,
} from '../../libs/mail';

export interface NotificationDeps {
  outbox: EmailOutboxRepository;
  actionTokens: ActionTokenRepository;
  mail: MailTransport;
  /** Where links in emails point (config.api.publicUrl). */
  publicUrl: string;
  /** Maximum age of an action link (config.actionLinks.maxAgeSeconds). */
  actionLinkMaxAgeSeconds: number;
  /**
   * How long an attempt owns a message without renewing its claim; the attempt renews it (and heartbeats to
   * Temporal) every quarter of this while it runs, so only a dead attempt's message is taken over.
   */
  sendLeaseMs?: number;
  log?: (level: 'info' | 'warn', msg: string, meta: Record<string, unknown>) => void;
}

/** Single-use links to put in a task email: one per choice, bound to the task, its assignee and the action. */
export interface ActionLinksRequest {
  taskId: string;
  assigneeId: string;
  proposalId: string;
  choices: ActionChoice[];
}

export interface SendEmailInput {
  /** Names the message, not the attempt: task, recipient, purpose and the workflow's own attempt number. */
  idempotencyKey: string;
  to: MailRecipient | string;
  language: Language;
  template: MailTemplateName;
  /** Template data (see the template's schema); `actions` is filled in here when actionLinks is given. */
  data: Record<string, unknown>;
  proposalId?: string;
  workflowId?: string;
  actionLinks?: ActionLinksRequest;
}

export interface SendEmailResult {
  /** The Message-ID header, for the proposal timeline (EMAIL_SENT). */
  messageId: string;
  sentAt: string;
  /** True when an earlier attempt had already sent it: nothing was sent this time. */
  alreadySent: boolean;
  attempts: number;
  template: string;
  recipient: string;
}

export interface RevokeActionLinksInput {
  taskId: string;
  reason: ActionTokenRevokeReason;
}

/** Failure types the workflow may match on; everything non-retryable is a fault in the request itself. */
export const EMAIL_FAILURE = {
  invalidRequest: 'EmailInvalidRequest',
  keyReused: 'EmailIdempotencyKeyReused',
  failedBefore: 'EmailFailedBefore',
  recipientRefused: 'EmailRecipientRefused',
  smtpUnavailable: 'EmailSmtpUnavailable',
  inFlight: 'EmailSendInFlight',
} as const;

const TEMPLATES_WITH_ACTIONS: ReadonlySet<string> = new Set(['task-assigned', 'task-reminder', 'task-escalated']);
const DEFAULT_LEASE_MS = 20_000;

function invalid(message: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, EMAIL_FAILURE.invalidRequest);
}

function validate(input: SendEmailInput): MailRecipient {
  if (typeof input.idempotencyKey !== 'string' || !/^\S{1,200}$/.test(input.idempotencyKey)) {
    throw invalid('idempotencyKey must be 1-200 characters without spaces');
  }
  if (!isMailTemplateName(input.template)) throw invalid(`unknown mail template "${input.template}"`);
  if (!isLanguage(input.language)) throw invalid(`unknown language "${input.language}" (mn or en)`);
  const to = input.to ? toRecipient(input.to) : null;
  if (!to || !isValidMailAddress(to.address)) throw invalid(`invalid recipient address "${to?.address ?? ''}"`);
  if (input.actionLinks && !TEMPLATES_WITH_ACTIONS.has(input.template)) {
    throw invalid(`template "${input.template}" carries no action links`);
  }
  return to;
}

/** Tells Temporal this attempt is alive, when it runs as an activity (tests also call it as a plain function). */
function heartbeat(): void {
  let ctx: Context;
  try {
    ctx = Context.current();
  } catch {
    return;
  }
  ctx.heartbeat();
}

function resolveChoices(input: SendEmailInput): ResolvedActionChoice[] {
  try {
    return (input.actionLinks?.choices ?? []).map(resolveActionChoice);
  } catch (err) {
    if (err instanceof UnknownActionError) throw invalid(err.message);
    throw err;
  }
}

/**
 * The notification activities. `sendEmail` is idempotent by its key: the outbox row says whether the message
 * went out; if so the stored Message-ID is returned and nothing is sent. SMTP trouble throws a retryable
 * failure (the workflow retries with backoff and never waits on mail); bad data throws a non-retryable one.
 *
 * A live attempt keeps its claim (lease renewed in PostgreSQL, heartbeat to Temporal); when its worker dies, both
 * stop, Temporal retries after the heartbeat timeout and the next attempt takes the message over once the lease
 * has run out: seconds, not minutes.
 *
 * The one window left: the server accepts the message and the process dies before the row says `sent`. The next
 * attempt finds the row still `sending` past its lease and sends again, so the recipient can get at most one
 * duplicate, carrying the same Message-ID (many mail systems drop it). The row's attempt count shows it.
 */
export function createNotificationActivities(deps: NotificationDeps) {
  const leaseMs = deps.sendLeaseMs ?? DEFAULT_LEASE_MS;
  const actionUrl = (token: string) => `${deps.publicUrl}/api/v1/actions/${token}`;

  return {
    async sendEmail(input: SendEmailInput): Promise<SendEmailResult> {
      const to = validate(input);
      const messageId = deterministicMessageId(input.idempotencyKey, deps.mail.from);
      const choices = resolveChoices(input);
      const baseData: Record<string, unknown> = { ...input.data };
      // Render once with stand-in links before anything is stored or issued: bad data fails here, cleanly.
      const preview = (links: string[]) =>
        renderTemplate(input.template, input.language, {
          ...baseData,
          ...(input.actionLinks ? { actions: choices.map((c, i) => ({ action: c.action, label: c.label, tone: c.tone, commentRequired: c.commentRequired, url: links[i] })) } : {}),
        });
      try {
        preview(choices.map(() => actionUrl('preview')));
      } catch (err) {
        if (err instanceof MailTemplateError) throw invalid(err.message);
        throw err;
      }

      const existing = await deps.outbox.findByKey(input.idempotencyKey);
      if (existing && (existing.recipient !== to.address || existing.template !== input.template)) {
        throw ApplicationFailure.nonRetryable(
          `idempotency key ${input.idempotencyKey} was used for another message (${existing.template} to ${existing.recipient})`,
          EMAIL_FAILURE.keyReused,
        );
      }
      const claim = await deps.outbox.claim(
        {
          idempotencyKey: input.idempotencyKey,
          template: input.template,
          language: input.language,
          recipient: to.address,
          proposalId: input.proposalId ?? null,
          workflowId: input.workflowId ?? null,
          messageId,
        },
        leaseMs,
      );
      const row = claim.message;
      if (claim.outcome === 'already_sent') {
        return { messageId: row.messageId, sentAt: row.sentAt!.toISOString(), alreadySent: true, attempts: row.attempts, template: row.template, recipient: row.recipient };
      }
      if (claim.outcome === 'failed') {
        throw ApplicationFailure.nonRetryable(`message ${input.idempotencyKey} failed for good earlier: ${row.lastError}`, EMAIL_FAILURE.failedBefore);
      }
      if (claim.outcome === 'in_flight') {
        throw ApplicationFailure.retryable(`another attempt is sending ${input.idempotencyKey}`, EMAIL_FAILURE.inFlight);
      }
      if (claim.previousAttemptDied) {
        deps.log?.('warn', 'resending a message whose previous attempt died mid-send; the recipient may get one duplicate', {
          idempotencyKey: input.idempotencyKey,
          messageId,
          attempts: row.attempts,
        });
      }

      // Fresh links for this attempt; if it fails they are revoked, so only links that went out stay usable.
      const issued: string[] = [];
      let rendered;
      const keepClaim = setInterval(() => {
        heartbeat();
        deps.outbox.renewLease(input.idempotencyKey, row.attempts, leaseMs).catch(() => undefined);
      }, leaseMs / 4);
      try {
        const links: string[] = [];
        for (const c of choices) {
          const { token, record } = await deps.actionTokens.issue(
            {
              taskId: input.actionLinks!.taskId,
              proposalId: input.actionLinks!.proposalId,
              assigneeId: input.actionLinks!.assigneeId,
              assigneeName: to.name ?? (typeof baseData.recipientName === 'string' ? baseData.recipientName : null),
              action: c.action,
              label: c.label,
              commentRequired: c.commentRequired,
              language: input.language,
              emailIdempotencyKey: input.idempotencyKey,
            },
            deps.actionLinkMaxAgeSeconds,
          );
          issued.push(record.id);
          links.push(actionUrl(token));
        }
        rendered = preview(links);
        const sent = await deps.mail.send({
          to,
          subject: rendered.subject,
          html: rendered.html,
          text: rendered.text,
          messageId,
          headers: { 'X-Accord-Template': input.template, 'Auto-Submitted': 'auto-generated' },
        });
        const done = await deps.outbox.markSent(input.idempotencyKey, { subject: rendered.subject, smtpResponse: sent.response ?? '' });
        return { messageId: done.messageId, sentAt: done.sentAt!.toISOString(), alreadySent: false, attempts: done.attempts, template: done.template, recipient: done.recipient };
      } catch (err) {
        await deps.actionTokens.revokeForEmail(input.idempotencyKey, issued, 'not_delivered').catch(() => undefined);
        const reason = (err as Error).message ?? String(err);
        if (err instanceof MailSendError && err.permanent) {
          await deps.outbox.markFailed(input.idempotencyKey, reason).catch(() => undefined);
          throw ApplicationFailure.nonRetryable(reason, EMAIL_FAILURE.recipientRefused);
        }
        await deps.outbox.markRetrying(input.idempotencyKey, reason).catch(() => undefined);
        if (err instanceof MailSendError) throw ApplicationFailure.retryable(reason, EMAIL_FAILURE.smtpUnavailable);
        throw err;
      } finally {
        clearInterval(keepClaim);
      }
    },

    /** Closes every open action link of a task: decided, closed, reassigned or delegated. Safe to retry. */
    async revokeActionLinks(input: RevokeActionLinksInput): Promise<{ revoked: number }> {
      return { revoked: await deps.actionTokens.revokeForTask(input.taskId, input.reason) };
    },
  };
}

export type NotificationActivities = ReturnType<typeof createNotificationActivities>;
