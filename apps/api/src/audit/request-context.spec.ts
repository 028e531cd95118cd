import { redactPath } from './request-context';
import { defaultAuditAction } from './audit-trail.interceptor';

describe('redactPath', () => {
  it('blanks long opaque tokens (action links) but keeps UUIDs and words', () => {
    const token = 'q3JxV9m2kR7tY1uW5zP8sL0aB4cD6eF8gH2jK5nM7pQ';
    expect(redactPath(`/api/v1/actions/${token}`)).toBe('/api/v1/actions/:token');
    expect(redactPath('/api/v1/proposals/6f1c0f5e-3f4e-4c5a-9b1a-2d3e4f5a6b7c/submit')).toBe('/api/v1/proposals/6f1c0f5e-3f4e-4c5a-9b1a-2d3e4f5a6b7c/submit');
    expect(redactPath('/health')).toBe('/health');
  });
});

describe('defaultAuditAction', () => {
  it('names actions after controller and handler', () => {
    expect(defaultAuditAction('ProposalsController', 'create')).toBe('proposals.create');
    expect(defaultAuditAction('AuditEventsController', 'list')).toBe('audit_events.list');
  });
});
