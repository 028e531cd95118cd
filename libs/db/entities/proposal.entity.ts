import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * Read model of one proposal (any kind). Written by the API when a draft is created and afterwards only by the
 * workflow's projection activities, so it never disagrees with the workflow for long.
 */
@Entity({ name: 'proposals' })
export class ProposalEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 32 })
  kind: string;

  @Column({ name: 'title_en', type: 'text' })
  titleEn: string;

  @Column({ name: 'title_mn', type: 'text' })
  titleMn: string;

  @Column({ type: 'text', default: '' })
  summary: string;

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  division: string | null;

  @Column({ type: 'varchar', length: 32 })
  stage: string;

  /** open | completed | rejected | withdrawn; finer than stage for list filters. */
  @Column({ type: 'varchar', length: 16, default: 'open' })
  status: string;

  @Index({ unique: true })
  @Column({ name: 'workflow_id', type: 'varchar', length: 128 })
  workflowId: string;

  @Column({ name: 'definition_version', type: 'varchar', length: 32 })
  definitionVersion: string;

  @Column({ name: 'stage_entered_at', type: 'timestamptz' })
  stageEnteredAt: Date;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  @Column({ name: 'current_assignees', type: 'jsonb', default: () => "'[]'" })
  currentAssignees: string[];

  /** Kind-specific fields (convention code, Cabinet resolution, ...), validated by the API and the workflow. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: Record<string, unknown>;

  @Column({ name: 'workflow_status', type: 'varchar', length: 16, default: 'STARTING' })
  workflowStatus: string;

  /** Highest event sequence projected; guards against an older projection overwriting a newer one. */
  @Column({ name: 'last_event_seq', type: 'integer', default: 0 })
  lastEventSeq: number;

  @Index({ unique: true })
  @Column({ name: 'create_request_id', type: 'varchar', length: 128 })
  createRequestId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
