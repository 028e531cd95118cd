// Workflow ids derive from business ids: a retried request addresses the same workflow and cannot start a second.
export const proposalWorkflowId = (proposalId: string): string => `proposal-${proposalId}`;
export const tripWorkflowId = (tripId: string): string => `trip-${tripId}`;
export const agreementWorkflowId = (agreementId: string): string => `agreement-${agreementId}`;
