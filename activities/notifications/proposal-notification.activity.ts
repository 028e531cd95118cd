import type { NotificationOutcome, ProposalNotification } from '../../libs/contracts';
import { proposalPageUrl } from '../../libs/contracts/web-app-links';
import { DirectoryUser, NotificationPreferenceRepository, ProposalRepository, UserDirectoryRepository } from '../../libs/db';
import { ACCESSION_DEFINITIONS, AGREEMENT_DEFINITIONS, AgreementData, Bilingual, DECISION_LABELS, noticeDeadline, TRIP_DEFINITIONS } from '../../libs/domain';
import type { SendEmailInput, SendEmailResult } from './send-email.activity';

export interface ProposalNotificationDeps {
  users: UserDirectoryRepository;
  proposals: ProposalRepository;
  preferences: NotificationPreferenceRepository;
  publicUrl: string;
  sendEmail(input: SendEmailInput): Promise<SendEmailResult>;
}

const KIND_NAMES: Record<string, Bilingual> = {
  accession: { en: 'Accession to an international convention', mn: 'Олон улсын конвенцид нэгдэн орох' },
  trip: { en: 'Overseas trip', mn: 'Гадаад томилолт' },
  agreement: { en: 'Bilateral agreement or MoU', mn: 'Хоёр талын хэлэлцээр, санамж бичиг' },
};


const terminalStageNames: Record<string, Bilingual> = {
  COMPLETED: { en: 'Completed', mn: 'Дууссан' },
  REJECTED: { en: 'Rejected', mn: 'Татгалзсан' },
  WITHDRAWN: { en: 'Withdrawn', mn: 'Буцаан татсан' },
  CANCELLED: { en: 'Cancelled', mn: 'Цуцалсан' },
  EXPIRED: { en: 'Expired', mn: 'Хугацаа дууссан' },
  CLOSED: { en: 'Closed', mn: 'Хаагдсан' },
  TERMINATED: { en: 'Terminated', mn: 'Цуцлагдсан' },
};

/** A country's name in both languages from its ISO 3166-1 alpha-2 code (the code itself if unknown). */
function countryName(code: string): Bilingual {
  const name = (lang: 'en' | 'mn') => {
    try {
      return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
    } catch {
      return code;
    }
  };
  return { en: name('en'), mn: name('mn') };
}

/**
 * The agreement-deadline template's facts: the agreement, its counterpart, and for a notice deadline the date it
 * would otherwise renew on (from the stored terms; left out if they cannot tell).
 */
function agreementDeadlineFacts(n: ProposalNotification, proposal: { details: Record<string, unknown> }, facts: { title: Bilingual; url: string }) {
  const a = n.agreement!;
  const details = proposal.details as { fields?: Record<string, string>; agreement?: Partial<AgreementData> };
  const authority = details.fields?.counterpartAuthority?.trim();
  const country = countryName(a.counterpartCountry);
  const counterpart = authority ? { en: `${authority}, ${country.en}`, mn: `${authority}, ${country.mn}` } : country;
  let renewsOn: string | undefined;
  const rule = details.agreement?.renewalRule;
  const eif = details.agreement?.entryIntoForce;
  if (a.deadlineKind === 'notice_reminder' && rule && eif) {
    try {
      const next = noticeDeadline(rule, eif, a.deadline);
      if (next?.deadline === a.deadline) renewsOn = next.expiry;
    } catch {
      // Terms the rule cannot read: the email simply leaves the renewal date out.
    }
  }
  return {
    agreement: { title: facts.title, counterpart, url: facts.url },
    deadlineKind: a.deadlineKind,
    deadline: a.deadline,
    daysBefore: a.daysBefore,
    ...(renewsOn ? { renewsOn } : {}),
  };
}

/**
 * Sends the emails a proposal's workflow asks for: resolves the recipients (a person, their supervisor, or
 * leadership; for a trip's owner notices also its other delegates), honours each recipient's opt-outs, gathers the proposal's facts in both languages, and hands each
 * message to the idempotent sendEmail (one key per recipient), so a retried activity never sends twice.
 */
export function createProposalNotificationActivities(deps: ProposalNotificationDeps) {
  async function recipients(n: ProposalNotification): Promise<DirectoryUser[]> {
    const r = n.recipient;
    if ('userId' in r) return [await deps.users.findById(r.userId)].filter((u): u is DirectoryUser => !!u?.active);
    if ('supervisorOf' in r) return [await deps.users.findSupervisor(r.supervisorOf)].filter((u): u is DirectoryUser => !!u);
    if ('travellersExcept' in r) {
      const proposal = await deps.proposals.findById(n.proposalId);
      const ids = [...new Set((proposal?.details as { trip?: { delegateIds?: string[] } } | undefined)?.trip?.delegateIds ?? [])].filter((id) => id !== r.travellersExcept);
      return (await Promise.all(ids.map((id) => deps.users.findById(id)))).filter((u): u is DirectoryUser => !!u?.active);
    }
    return deps.users.findActiveByRole('leadership');
  }

  /**
   * A trip's delegates hear what its requester hears: a notice to the owner of a trip (a decision, a move) also goes
   * to every other active delegate on the request as the read model holds it, except whoever took the decision.
   */
  async function otherTravellers(n: ProposalNotification, proposal: { kind: string; details: Record<string, unknown> }, already: DirectoryUser[]): Promise<DirectoryUser[]> {
    // A notice already addressed to the travellers (the requester's own act) must not come back to the requester.
    if (n.template !== 'owner-notification' || proposal.kind !== 'trip' || 'travellersExcept' in n.recipient) return [];
    const skip = new Set([...already.map((u) => u.id), ...(n.decision?.byId ? [n.decision.byId] : [])]);
    const ids = [...new Set((proposal.details as { trip?: { delegateIds?: string[] } }).trip?.delegateIds ?? [])].filter((id) => !skip.has(id));
    const found = await Promise.all(ids.map((id) => deps.users.findById(id)));
    return found.filter((u): u is DirectoryUser => !!u?.active);
  }

  return {
    async notifyProposalEvent(n: ProposalNotification): Promise<NotificationOutcome> {
      const outcome: NotificationOutcome = { sent: [], skipped: [] };
      const proposal = await deps.proposals.findById(n.proposalId);
      if (!proposal) return { sent: [], skipped: [{ recipientId: null, reason: 'proposal not found' }] };
      const people = await recipients(n);
      const travellers = await otherTravellers(n, proposal, people);
      people.push(...travellers);
      if (people.length === 0) outcome.skipped.push({ recipientId: null, reason: 'no active recipient' });

      const def = ACCESSION_DEFINITIONS[n.definitionVersion] ?? TRIP_DEFINITIONS[n.definitionVersion] ?? AGREEMENT_DEFINITIONS[n.definitionVersion];
      const stageName = (code: string): Bilingual => def?.stages.find((s) => s.code === code)?.name ?? terminalStageNames[code] ?? { en: code, mn: code };
      // The stage's own words for its decisions (e.g. "Translation accepted"), from the version the workflow pinned:
      // they go on the email's buttons and, through the link, on its confirmation page.
      const stageLabels: Record<string, Bilingual> = {};
      const approveLabel = def?.stages.find((s) => s.code === n.stage)?.approval?.approveLabel;
      if (approveLabel) stageLabels.approve = approveLabel;
      const [owner, assignee, onBehalfOf, decider] = await Promise.all([
        proposal.ownerId ? deps.users.findById(proposal.ownerId) : null,
        n.task ? deps.users.findById(n.task.assigneeId) : null,
        n.task?.onBehalfOfId ? deps.users.findById(n.task.onBehalfOfId) : null,
        n.decision?.byId ? deps.users.findById(n.decision.byId) : null,
      ]);
      const facts = {
        title: { en: proposal.titleEn, mn: proposal.titleMn },
        kind: KIND_NAMES[proposal.kind] ?? proposal.kind,
        stage: stageName(n.stage),
        ownerName: owner?.nameMn || owner?.nameLatin || '—',
        ...(proposal.summary ? { summary: proposal.summary } : {}),
        url: proposalPageUrl(deps.publicUrl, proposal.id),
      };

      for (const person of people) {
        const traveller = travellers.includes(person) || 'travellersExcept' in n.recipient;
        if (n.template === 'owner-notification') {
          const prefs = await deps.preferences.get(person.id);
          const wanted = (n.decision && prefs.decision) || (n.stageChange && prefs.stage_change);
          if (!wanted) {
            outcome.skipped.push({ recipientId: person.id, reason: traveller ? 'turned off by the delegate' : 'turned off by the owner' });
            continue;
          }
        }
        const name = person.language === 'en' ? person.nameLatin : person.nameMn;
        const data: Record<string, unknown> = { recipientName: name || person.email, proposal: facts, ...(traveller ? { traveller: true } : {}) };
        // The trip templates have their own shape: the trip's facts instead of the proposal's.
        if ((n.template === 'trip-expired' || n.template === 'report-due') && n.trip) {
          delete data.proposal;
          const trip = { title: facts.title, destination: n.trip.destination };
          if (n.template === 'trip-expired') data.trip = { ...trip, departureDate: n.trip.departureDate, url: facts.url };
          else Object.assign(data, { trip: { ...trip, returnDate: n.trip.returnDate }, dueAt: n.trip.reportDueAt, overdue: !!n.trip.overdue, url: facts.url });
        }
        if (n.template === 'action-item' && n.actionItem) {
          const holder = n.actionItem.ownerId === person.id ? person : await deps.users.findById(n.actionItem.ownerId);
          const holderName = (person.language === 'en' ? holder?.nameLatin : holder?.nameMn) || holder?.nameMn || holder?.nameLatin || '—';
          Object.assign(data, { item: { title: n.actionItem.title, dueDate: n.actionItem.dueDate, ownerName: holderName }, purpose: n.actionItem.purpose });
        }
        if (n.template === 'agreement-deadline' && n.agreement) {
          delete data.proposal;
          Object.assign(data, agreementDeadlineFacts(n, proposal, facts));
        }
        if (n.task) {
          if (n.task.dueAt) data.dueAt = n.task.dueAt;
          if (onBehalfOf && n.template === 'task-assigned') data.onBehalfOfName = onBehalfOf.nameMn || onBehalfOf.nameLatin;
        }
        if (n.template === 'task-reminder') data.reminderNumber = n.reminderNumber ?? 1;
        if (n.template === 'task-escalated') {
          Object.assign(data, { level: n.escalation!.level, overdueMs: n.escalation!.overdueMs, originalAssigneeName: assignee?.nameMn || assignee?.nameLatin || '—' });
        }
        if (n.decision) {
          data.decision = {
            label: DECISION_LABELS[n.decision.action] ?? n.decision.action,
            by: decider ? decider.nameMn || decider.nameLatin : 'Accord',
            at: n.decision.at,
            ...(n.decision.comment ? { comment: n.decision.comment } : {}),
          };
        }
        if (n.stageChange) data.stageChange = { from: stageName(n.stageChange.from), to: stageName(n.stageChange.to), at: n.stageChange.at };

        // Only the person who holds the task gets links; supervisors and leadership get the facts and the page.
        const withLinks = n.task && n.task.actions.length > 0 && person.id === n.task.assigneeId && n.template !== 'task-escalated';
        const result = await deps.sendEmail({
          idempotencyKey: `${n.idempotencyKey}:${person.id}`,
          to: { address: person.email, name: name || undefined },
          language: person.language,
          template: n.template,
          data,
          proposalId: proposal.id,
          workflowId: n.workflowId,
          ...(withLinks ? { actionLinks: { taskId: n.task!.id, assigneeId: person.id, proposalId: proposal.id, choices: n.task!.actions.map((action) => (stageLabels[action] ? { action, label: stageLabels[action] } : { action })) } } : {}),
        });
        outcome.sent.push({ recipientId: person.id, messageId: result.messageId, sentAt: result.sentAt, template: n.template });
      }
      return outcome;
    },
  };
}
