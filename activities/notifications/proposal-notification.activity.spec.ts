import type { ProposalNotification } from '../../libs/contracts';
import type { DirectoryUser, NotificationPreferenceRepository, ProposalRepository, UserDirectoryRepository } from '../../libs/db';
import { createProposalNotificationActivities } from './proposal-notification.activity';
import type { SendEmailInput } from './send-email.activity';

const approver: DirectoryUser = { id: 'u-head', email: 'head@customs.test', nameMn: 'Дарга', nameLatin: 'Head', language: 'en', division: 'd', roles: ['division_head'], supervisorId: null, active: true };

function activities() {
  const sent: SendEmailInput[] = [];
  const acts = createProposalNotificationActivities({
    users: { findById: async (id: string) => (id === approver.id ? approver : null) } as unknown as UserDirectoryRepository,
    proposals: { findById: async (id: string) => ({ id, kind: 'accession', titleEn: 'Istanbul', titleMn: 'Истанбул', summary: '', ownerId: null, details: {} }) } as unknown as ProposalRepository,
    preferences: { get: async () => ({ decision: true, stage_change: true }) } as unknown as NotificationPreferenceRepository,
    publicUrl: 'http://accord.test',
    sendEmail: async (input) => {
      sent.push(input);
      return { messageId: `<${sent.length}@accord.test>`, sentAt: new Date().toISOString(), alreadySent: false, attempts: 1, template: input.template, recipient: approver.email };
    },
  });
  return { acts, sent };
}

function taskAssigned(stage: string, definitionVersion = 'accession-v1'): ProposalNotification {
  return {
    idempotencyKey: `p:t1:assigned:${stage}`,
    recipient: { userId: approver.id },
    template: 'task-assigned',
    proposalId: 'p',
    workflowId: 'proposal-p',
    stage,
    definitionVersion,
    task: { id: 'p:t1', assigneeId: approver.id, onBehalfOfId: null, dueAt: null, actions: ['approve', 'request_changes', 'reject'] },
  };
}

describe('task emails carry the stage’s own action labels (from the pinned definition version)', () => {
  it('accession TRANSLATION: approve is "Translation accepted" in both languages; the other two keep the standard labels', async () => {
    const { acts, sent } = activities();
    await acts.notifyProposalEvent(taskAssigned('TRANSLATION'));
    expect(sent[0].actionLinks?.choices).toEqual([
      { action: 'approve', label: { en: 'Translation accepted', mn: 'Орчуулгыг хүлээн авсан' } },
      { action: 'request_changes' },
      { action: 'reject' },
    ]);
  });

  it('a trip’s approval stage and an agreement’s legal check use theirs', async () => {
    const { acts, sent } = activities();
    await acts.notifyProposalEvent(taskAssigned('SUBMITTED', 'trip-v1'));
    await acts.notifyProposalEvent(taskAssigned('TRANSLATION', 'agreement-v1'));
    expect(sent.map((s) => s.actionLinks?.choices[0])).toEqual([
      { action: 'approve', label: { en: 'Approve the trip', mn: 'Томилолтыг зөвшөөрөх' } },
      { action: 'approve', label: { en: 'Texts equivalent', mn: 'Эхүүд нийцсэн' } },
    ]);
  });

  it('an unknown stage or version falls back to the standard labels', async () => {
    const { acts, sent } = activities();
    await acts.notifyProposalEvent(taskAssigned('NO_SUCH_STAGE'));
    await acts.notifyProposalEvent(taskAssigned('TRANSLATION', 'accession-v99'));
    for (const s of sent) expect(s.actionLinks?.choices).toEqual([{ action: 'approve' }, { action: 'request_changes' }, { action: 'reject' }]);
  });
});

describe('a trip’s owner notices reach its other delegates', () => {
  const to = (s: SendEmailInput) => (typeof s.to === 'string' ? s.to : s.to.address);
  const person = (id: string, extra: Partial<DirectoryUser> = {}): DirectoryUser => ({ id, email: `${id}@customs.test`, nameMn: id, nameLatin: id, language: 'en', division: 'd', roles: ['officer'], supervisorId: null, active: true, ...extra });
  const people = [person('owner'), person('traveller'), person('gone', { active: false }), person('quiet'), person('admin', { roles: ['admin'] })];

  function tripActivities(kind = 'trip') {
    const sent: SendEmailInput[] = [];
    const acts = createProposalNotificationActivities({
      users: { findById: async (id: string) => people.find((p) => p.id === id) ?? null } as unknown as UserDirectoryRepository,
      proposals: {
        findById: async (id: string) => ({ id, kind, titleEn: 'WCO Council', titleMn: 'ДГБ-ын зөвлөл', summary: '', ownerId: 'owner', details: { trip: { delegateIds: ['owner', 'traveller', 'gone', 'quiet', 'admin', 'traveller'] } } }),
      } as unknown as ProposalRepository,
      preferences: { get: async (id: string) => ({ decision: id !== 'quiet', stage_change: true }) } as unknown as NotificationPreferenceRepository,
      publicUrl: 'http://accord.test',
      sendEmail: async (input) => {
        sent.push(input);
        return { messageId: `<${sent.length}@accord.test>`, sentAt: new Date().toISOString(), alreadySent: false, attempts: 1, template: input.template, recipient: to(input) };
      },
    });
    return { acts, sent };
  }

  const notice = (decision: { action: string; byId: string | null }): ProposalNotification => ({
    idempotencyKey: 'trip-p:owner:e7',
    recipient: { userId: 'owner' },
    template: 'owner-notification',
    proposalId: 'p',
    workflowId: 'trip-p',
    stage: 'REJECTED',
    definitionVersion: 'trip-v1',
    decision: { ...decision, at: '2027-01-01T00:00:00Z', comment: 'Not this year' },
  });

  it('the owner and every active delegate but the decider, once each, in their words, each with their own opt-outs', async () => {
    const { acts, sent } = tripActivities();
    const outcome = await acts.notifyProposalEvent(notice({ action: 'reject', byId: 'admin' }));
    expect(sent.map((s) => [to(s), s.idempotencyKey, s.data.traveller ?? false])).toEqual([
      ['owner@customs.test', 'trip-p:owner:e7:owner', false],
      ['traveller@customs.test', 'trip-p:owner:e7:traveller', true],
    ]);
    expect(outcome.skipped).toEqual([{ recipientId: 'quiet', reason: 'turned off by the delegate' }]);
  });

  it('other kinds, and other templates, still reach only their recipient', async () => {
    const { acts, sent } = tripActivities('accession');
    await acts.notifyProposalEvent(notice({ action: 'reject', byId: 'admin' }));
    expect(sent.map(to)).toEqual(['owner@customs.test']);
    const trip = tripActivities();
    await trip.acts.notifyProposalEvent({ ...notice({ action: 'reject', byId: null }), template: 'trip-expired', decision: undefined, trip: { destination: 'Brussels, BE', departureDate: '2027-01-02', returnDate: '2027-01-04' } });
    expect(trip.sent.map(to)).toEqual(['owner@customs.test']);
  });
});
