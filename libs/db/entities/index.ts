import { ProposalEntity } from './proposal.entity';
import { ProposalEventEntity } from './proposal-event.entity';
import { TaskEntity } from './task.entity';
import { DocumentEntity } from './document.entity';
import { UserEntity } from './user.entity';
import { DelegationEntity } from './delegation.entity';
import { RefreshTokenEntity } from './refresh-token.entity';
import { LoginAttemptEntity } from './login-attempt.entity';
import { AuditEventEntity } from './audit-event.entity';
import { EmailMessageEntity } from './email-message.entity';
import { ActionTokenEntity } from './action-token.entity';

export { ProposalEntity, ProposalEventEntity, TaskEntity, DocumentEntity };
export { UserEntity, DelegationEntity, RefreshTokenEntity, LoginAttemptEntity, AuditEventEntity };
export { EmailMessageEntity, ActionTokenEntity };
export type { EmailMessageStatus } from './email-message.entity';
export type { ActionTokenStatus } from './action-token.entity';
export type { PreferredLanguage } from './user.entity';
export type { LoginOutcome } from './login-attempt.entity';
export type { AuditOutcome } from './audit-event.entity';
export const entities = [
  ...[ProposalEntity, ProposalEventEntity, TaskEntity, DocumentEntity],
  ...[UserEntity, DelegationEntity, RefreshTokenEntity, LoginAttemptEntity, AuditEventEntity],
  ...[EmailMessageEntity, ActionTokenEntity],
];
