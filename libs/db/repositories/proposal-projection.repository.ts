import { DataSource, EntityManager } from 'typeorm';

export interface ProposalEventRecord {
  proposalId: string;
  workflowId: string;
  /** Sequence number assigned by the workflow: the natural key of the event. */
  seq: number;
  type: string;
  actorId?: string | null;
  onBehalfOfId?: string | null;
  fromStage?: string | null;
  toStage?: string | null;
  comment?: string | null;
  data?: Record<string, unknown>;
  occurredAt: string;
  /** The proposal row as the workflow sees it after this event. */
  snapshot: {
    stage: string;
    status: string;
    workflowStatus: string;
    stageEnteredAt: string;
    dueAt: string | null;
    currentAssignees: string[];
    details?: Record<string, unknown>;
  };
}

/**
 * Writes the workflow's view into the read model. Idempotent: the event insert is keyed by (workflow_id, seq), the
 * stay a stage move ends by (proposal, seq of the move), and the row update only applies when it is newer than what
 * is stored, so retries and reordering are harmless.
 */
export class ProposalProjectionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async record(e: ProposalEventRecord): Promise<{ inserted: boolean }> {
    return this.dataSource.transaction(async (tx) => {
      const inserted = await tx.query(
        `INSERT INTO proposal_events
           (proposal_id, workflow_id, seq, type, actor_id, on_behalf_of_id, from_stage, to_stage, comment, data, occurred_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (workflow_id, seq) DO NOTHING
         RETURNING id`,
        [
          e.proposalId,
          e.workflowId,
          e.seq,
          e.type,
          e.actorId ?? null,
          e.onBehalfOfId ?? null,
          e.fromStage ?? null,
          e.toStage ?? null,
          e.comment ?? null,
          JSON.stringify(e.data ?? {}),
          e.occurredAt,
        ],
      );
      if (e.fromStage && e.toStage && e.fromStage !== e.toStage) await recordStay(tx, e);
      const s = e.snapshot;
      await tx.query(
        `UPDATE proposals
            SET stage = $2, status = $3, workflow_status = $4, stage_entered_at = $5, due_at = $6,
                current_assignees = $7, details = CASE WHEN $8::jsonb IS NULL THEN details ELSE details || $8::jsonb END,
                last_event_seq = $9, updated_at = now()
          WHERE id = $1 AND last_event_seq < $9`,
        [
          e.proposalId,
          s.stage,
          s.status,
          s.workflowStatus,
          s.stageEnteredAt,
          s.dueAt,
          JSON.stringify(s.currentAssignees),
          s.details ? JSON.stringify(s.details) : null,
          e.seq,
        ],
      );
      return { inserted: inserted.length > 0 };
    });
  }
}

/**
 * The stay a stage move ended, for the cycle-time chart (table proposal_stage_stays, migration ProposalStageStays):
 * built from the stored move, whose left_stage_entered_at the insert trigger filled with the time its stage was
 * entered, so a retry (the event already there) writes the same row, or nothing when it exists.
 */
async function recordStay(tx: EntityManager, e: ProposalEventRecord): Promise<void> {
  await tx.query(
    `INSERT INTO proposal_stage_stays (proposal_id, left_seq, kind, stage, entered_at, left_at)
     SELECT m.proposal_id, m.seq, p.kind, m.from_stage, m.left_stage_entered_at, m.occurred_at
       FROM proposal_events m JOIN proposals p ON p.id = m.proposal_id
      WHERE m.workflow_id = $1 AND m.seq = $2 AND m.left_stage_entered_at IS NOT NULL
        AND m.from_stage IS NOT NULL AND m.to_stage IS NOT NULL AND m.from_stage <> m.to_stage
     ON CONFLICT (proposal_id, left_seq) DO NOTHING`,
    [e.workflowId, e.seq],
  );
}
