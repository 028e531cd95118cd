import { AssignmentDeps, createAssignmentActivities } from './assignment/resolve-task-assignee.activity';
import { createDelegationActivities, DelegationDeps } from './delegation/delegation-handover.activities';
import { createDigestActivities, DigestDeps } from './digest/weekly-digest.activities';
import { createProposalNotificationActivities, ProposalNotificationDeps } from './notifications/proposal-notification.activity';
import { createNotificationActivities, NotificationDeps } from './notifications/send-email.activity';
import { createProposalProjectionActivities, ProposalProjectionDeps } from './read-model/proposal-projection.activities';

export type ActivityDependencies = ProposalProjectionDeps &
  AssignmentDeps &
  DigestDeps &
  DelegationDeps & {
    mail: NotificationDeps;
    proposalMail: Omit<ProposalNotificationDeps, 'sendEmail'>;
  };

/** Composes every activity from injected dependencies; the worker registers exactly this object. */
export function createActivities(deps: ActivityDependencies) {
  const mail = createNotificationActivities(deps.mail);
  return {
    ...createProposalProjectionActivities(deps),
    ...createAssignmentActivities(deps),
    ...createDigestActivities(deps),
    ...createDelegationActivities(deps),
    ...mail,
    ...createProposalNotificationActivities({ ...deps.proposalMail, sendEmail: mail.sendEmail }),
  };
}

export type AccordActivities = ReturnType<typeof createActivities>;
