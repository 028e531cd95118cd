import { Injectable } from '@nestjs/common';
import { ActionTokenEntity, ActionTokenRepository, ActionTokenRevokeReason } from '../../../../libs/db';

/** What a link is now. `invalid` covers unknown, malformed and tampered tokens alike: none of them exist. */
export type ActionLinkState =
  | { kind: 'invalid' }
  | { kind: 'active'; link: ActionTokenEntity }
  | { kind: 'expired'; link: ActionTokenEntity }
  | { kind: 'used'; link: ActionTokenEntity }
  /** `decidedWith`: the task's link that was used when this one was closed as superseded. */
  | { kind: 'revoked'; link: ActionTokenEntity; reason: string; decidedWith: ActionTokenEntity | null };

export type ConsumeOutcome = { kind: 'consumed'; link: ActionTokenEntity } | Exclude<ActionLinkState, { kind: 'active' }>;

/**
 * The rules of action-link tokens over the repository: inspecting never writes (mail scanners open links before
 * people do), consuming is one atomic step that exactly one request wins, and every refusal is classified.
 */
@Injectable()
export class ActionTokenService {
  constructor(private readonly tokens: ActionTokenRepository) {}

  /** For GET and HEAD: reads, classifies, changes nothing. */
  async inspect(token: string): Promise<ActionLinkState> {
    return this.classify(await this.tokens.findByToken(token));
  }

  /** For the confirmed POST: uses the link (and closes its siblings) or says why it cannot. */
  async consume(token: string, requestId: string, knownTaskId?: string): Promise<ConsumeOutcome> {
    const { consumed, record } = await this.tokens.consume(token, requestId, undefined, knownTaskId);
    if (consumed && record) return { kind: 'consumed', link: record };
    const state = await this.classify(record);
    // Still active yet not consumed cannot normally happen (a release raced us); report it as used, never as usable.
    return state.kind === 'active' ? { kind: 'used', link: state.link } : state;
  }

  /** Gives a link back after its decision could not be delivered, so the same click can be retried. */
  release(link: ActionTokenEntity, requestId: string): Promise<boolean> {
    return this.tokens.release(link.id, requestId);
  }

  revokeForTask(taskId: string, reason: ActionTokenRevokeReason): Promise<number> {
    return this.tokens.revokeForTask(taskId, reason);
  }

  private async classify(link: ActionTokenEntity | null, now = new Date()): Promise<ActionLinkState> {
    if (!link) return { kind: 'invalid' };
    if (link.status === 'used') return { kind: 'used', link };
    if (link.status === 'revoked') {
      const decidedWith = link.revokedReason === 'superseded' ? await this.tokens.findUsedForTask(link.taskId) : null;
      return { kind: 'revoked', link, reason: link.revokedReason ?? 'task_closed', decidedWith };
    }
    if (link.expiresAt.getTime() <= now.getTime()) return { kind: 'expired', link };
    return { kind: 'active', link };
  }
}
