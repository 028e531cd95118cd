import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Read model of one task (work or approval) of a proposal; the id is the workflow's own task id. */
@Entity({ name: 'tasks' })
@Index(['assigneeId', 'status'])
@Index(['proposalId'])
export class TaskEntity {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  id: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  @Column({ name: 'workflow_id', type: 'varchar', length: 128 })
  workflowId: string;

  @Column({ type: 'varchar', length: 32 })
  stage: string;

  @Column({ type: 'varchar', length: 16 })
  kind: string;

  @Column({ type: 'varchar', length: 32 })
  role: string;

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId: string | null;

  @Column({ name: 'on_behalf_of_id', type: 'uuid', nullable: true })
  onBehalfOfId: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ type: 'jsonb' })
  actions: string[];

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt: Date;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  decision: string | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ type: 'integer' })
  version: number;
}
