import { Injectable } from '@nestjs/common';
import { DashboardRepository, DocumentRepository, ProposalEntity, ProposalRepository } from '../../../../libs/db';
import { Bilingual, Viewer } from '../../../../libs/domain';
import { definitionFor, stageLabel, stageOrder, terminalStages } from '../../../../libs/domain/process/stage-labels';
import { AuthorizationService } from '../common/authorization/authorization.service';
import { ApiError } from '../common/errors/api-error';
import { EmailMessageDto, PersonRefDto, ProposalStatusDto } from './dto/dashboard.dto';
import { iso, personRef } from './dashboard-mappers';

const DAY_MS = 86_400_000;

/** Where a proposal stands, for the detail page and the printable status report: one read, names resolved. */
@Injectable()
export class ProposalStatusService {
  constructor(
    private readonly proposals: ProposalRepository,
    private readonly documents: DocumentRepository,
    private readonly dashboard: DashboardRepository,
    private readonly authz: AuthorizationService,
  ) {}

  async status(viewer: Viewer, id: string, now = new Date()): Promise<ProposalStatusDto> {
    const p = await this.visible(viewer, id);
    const [timeline, tasks, documents, emails] = await Promise.all([
      this.proposals.timeline(id),
      this.proposals.tasks(id),
      this.documents.list(id),
      this.dashboard.proposalEmails(id),
    ]);
    const ids = [
      p.ownerId,
      ...p.currentAssignees,
      ...timeline.flatMap((e) => [e.actorId, e.onBehalfOfId]),
      ...tasks.map((t) => t.assigneeId),
      ...documents.map((d) => d.uploadedBy),
    ].filter((x): x is string => !!x);
    const people = new Map((await this.dashboard.peopleByIds(ids)).map((x) => [x.id, x]));
    const ref = (pid: string | null | undefined): PersonRefDto | null => (pid ? personRef(pid, people.get(pid)?.nameMn, people.get(pid)?.nameLatin) : null);
    const name = (stage: string | null) => (stage ? stageLabel(p.kind, stage) : null);

    // Days in the stage left, for each move: from the previous event that entered a stage.
    let enteredAt: Date | null = null;
    const entries = timeline.map((e) => {
      const move = !!e.toStage && e.fromStage !== e.toStage;
      const days = move && e.fromStage && enteredAt ? round1((e.occurredAt.getTime() - enteredAt.getTime()) / DAY_MS) : null;
      if (move) enteredAt = e.occurredAt;
      return {
        seq: e.seq,
        type: e.type,
        fromStage: e.fromStage,
        toStage: e.toStage,
        fromStageName: name(e.fromStage),
        toStageName: name(e.toStage),
        actor: ref(e.actorId),
        onBehalfOf: ref(e.onBehalfOfId),
        comment: e.comment,
        occurredAt: e.occurredAt.toISOString(),
        daysInStage: days,
      };
    });
    const documentKinds = definitionFor(p.kind, p.definitionVersion)?.documentKinds ?? [];
    const kinds = new Map(documentKinds.map((k) => [k.code, k.name]));
    return {
      id: p.id,
      kind: p.kind,
      title: { en: p.titleEn, mn: p.titleMn },
      stage: p.stage,
      stageName: stageLabel(p.kind, p.stage),
      status: p.status,
      division: p.division,
      owner: ref(p.ownerId),
      stageEnteredAt: p.stageEnteredAt.toISOString(),
      dueAt: iso(p.dueAt),
      overdue: p.status === 'open' && !!p.dueAt && p.dueAt < now,
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
      summary: p.summary,
      workflowStatus: p.workflowStatus,
      eventSeq: p.lastEventSeq,
      currentAssignees: p.currentAssignees.map((a) => ref(a)!),
      details: p.details,
      timeline: entries,
      tasks: tasks.map((t) => ({
        id: t.id,
        stage: t.stage,
        stageName: stageLabel(p.kind, t.stage),
        kind: t.kind,
        role: t.role,
        assignee: ref(t.assigneeId),
        status: t.status,
        openedAt: t.openedAt.toISOString(),
        dueAt: iso(t.dueAt),
        closedAt: iso(t.closedAt),
        decision: t.decision,
        comment: t.comment,
      })),
      documents: documents.map((d) => ({
        id: d.id,
        kind: d.kind,
        kindName: kinds.get(d.kind) ?? ({ en: d.kind, mn: d.kind } as Bilingual),
        version: d.version,
        fileName: d.fileName,
        sizeBytes: d.sizeBytes,
        uploadedBy: ref(d.uploadedBy),
        uploadedAt: d.uploadedAt.toISOString(),
        href: `/api/v1/proposals/${p.id}/documents/${d.id}`,
      })),
      emails: emails.map(toEmailDto),
      documentKinds: documentKinds.map((k) => ({ code: k.code, name: k.name })),
      stagePath: stageOrder(p.kind).map((code) => ({ code, name: stageLabel(p.kind, code), terminal: terminalStages(p.kind).includes(code) })),
    };
  }

  async emails(viewer: Viewer, id: string): Promise<EmailMessageDto[]> {
    await this.visible(viewer, id);
    return (await this.dashboard.proposalEmails(id)).map(toEmailDto);
  }

  /** The proposal if the viewer may read it; 404 (audited) otherwise, so ids cannot be probed. */
  private async visible(viewer: Viewer, id: string): Promise<ProposalEntity> {
    const p = await this.proposals.findById(id);
    if (!p) throw ApiError.notFound('proposal');
    const record = { id, ownerId: p.ownerId, division: p.division };
    if (!this.authz.canReadProposal(viewer, record)) {
      await this.authz.assertCanReadProposal(viewer, { ...record, assigneeIds: await this.proposals.assigneeIds(id) });
    }
    return p;
  }
}

function toEmailDto(e: { id: string; template: string; language: string; recipient: string; subject: string | null; status: string; attempts: number; createdAt: Date; sentAt: Date | null }): EmailMessageDto {
  return { ...e, createdAt: iso(e.createdAt)!, sentAt: iso(e.sentAt) };
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
