import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ProposalProjectionRepository } from '../../libs/db';
import { ProposalStageStays1795702500000 } from '../../libs/db/migrations/1795702500000-ProposalStageStays';
import { createPrivateDatabase, PrivateDatabase } from '../support/private-database';

const DAY = 86_400_000;

/**
 * proposal_stage_stays (the cycle-time chart's table): the projection writes one row per stay a stage move ends,
 * once; migration ProposalStageStays fills the same rows from the timelines that were there before it.
 */
describe('proposal stage stays (real PostgreSQL)', () => {
  let db: PrivateDatabase;
  let ds: DataSource;
  const t0 = new Date('2026-03-02T01:00:00.000Z');
  const at = (days: number) => new Date(t0.getTime() + days * DAY).toISOString();

  beforeAll(async () => {
    db = await createPrivateDatabase();
    ds = db.dataSource;
  });
  afterAll(() => db?.drop());

  async function proposal(kind = 'accession'): Promise<{ id: string; workflowId: string }> {
    const id = randomUUID();
    const workflowId = `proposal-${id}`;
    await ds.query(
      `INSERT INTO proposals (id, kind, title_en, title_mn, stage, status, workflow_id, definition_version, stage_entered_at, create_request_id)
       VALUES ($1, $2, 'Stays', 'Үе шат', 'DRAFT', 'open', $3, 'accession-v1', $4, $5)`,
      [id, kind, workflowId, at(0), `stays:${id}`],
    );
    return { id, workflowId };
  }

  /** CREATED, then: a document in DRAFT, DRAFT -> TRANSLATION, TRANSLATION -> RESEARCH, sent back, and on again. */
  const timeline: Array<[type: string, from: string | null, to: string, day: number]> = [
    ['CREATED', null, 'DRAFT', 0],
    ['DOCUMENT_ADDED', 'DRAFT', 'DRAFT', 1],
    ['STAGE_CHANGED', 'DRAFT', 'TRANSLATION', 2.5],
    ['STAGE_CHANGED', 'TRANSLATION', 'RESEARCH', 10],
    ['REMARK_RECORDED', 'RESEARCH', 'RESEARCH', 11],
    ['STAGE_CHANGED', 'RESEARCH', 'TRANSLATION', 12.25],
    ['STAGE_CHANGED', 'TRANSLATION', 'RESEARCH', 13],
  ];
  const expected = [
    { left_seq: 3, stage: 'DRAFT', entered: 0, left: 2.5 },
    { left_seq: 4, stage: 'TRANSLATION', entered: 2.5, left: 10 },
    { left_seq: 6, stage: 'RESEARCH', entered: 10, left: 12.25 },
    { left_seq: 7, stage: 'TRANSLATION', entered: 12.25, left: 13 },
  ].map((s) => ({ left_seq: s.left_seq, kind: 'accession', stage: s.stage, entered_at: at(s.entered), left_at: at(s.left), days: s.left - s.entered }));

  const stays = async (id: string) =>
    (await ds.query(`SELECT left_seq, kind, stage, entered_at, left_at, days FROM proposal_stage_stays WHERE proposal_id = $1 ORDER BY left_seq`, [id])).map(
      (r: { left_seq: number; kind: string; stage: string; entered_at: Date; left_at: Date; days: number }) => ({ ...r, entered_at: r.entered_at.toISOString(), left_at: r.left_at.toISOString() }),
    );

  it('the projection writes one stay per stage left, and a retried write adds nothing', async () => {
    const { id, workflowId } = await proposal();
    const projection = new ProposalProjectionRepository(ds);
    const record = (seq: number) => {
      const [type, from, to, day] = timeline[seq - 1];
      return projection.record({
        proposalId: id,
        workflowId,
        seq,
        type,
        fromStage: from,
        toStage: to,
        occurredAt: at(day),
        snapshot: { stage: to, status: 'open', workflowStatus: 'RUNNING', stageEnteredAt: at(day), dueAt: null, currentAssignees: [] },
      });
    };
    for (let seq = 1; seq <= timeline.length; seq++) await record(seq);
    expect(await stays(id)).toEqual(expected);
    // The activity retried after its answer was lost, for every event: the same rows, no more.
    for (let seq = 1; seq <= timeline.length; seq++) expect((await record(seq)).inserted).toBe(false);
    expect(await stays(id)).toEqual(expected);
  });

  it('the migration fills the stays of timelines written before it, as the projection would have', async () => {
    // Written straight into proposal_events (as before the table existed): no stays yet.
    const { id, workflowId } = await proposal();
    for (const [i, [type, from, to, day]] of timeline.entries()) {
      await ds.query(`INSERT INTO proposal_events (proposal_id, workflow_id, seq, type, from_stage, to_stage, occurred_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        id,
        workflowId,
        i + 1,
        type,
        from,
        to,
        at(day),
      ]);
    }
    expect(await stays(id)).toEqual([]);
    const before = await ds.query(`SELECT proposal_id, left_seq, kind, stage, entered_at, left_at, days FROM proposal_stage_stays ORDER BY proposal_id, left_seq`);

    const runner = ds.createQueryRunner();
    try {
      const migration = new ProposalStageStays1795702500000();
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await stays(id)).toEqual(expected);
    // The projection's rows (the first test's proposal) come back exactly as they were.
    const after = await ds.query(`SELECT proposal_id, left_seq, kind, stage, entered_at, left_at, days FROM proposal_stage_stays WHERE proposal_id <> $1 ORDER BY proposal_id, left_seq`, [id]);
    expect(after).toEqual(before);
    expect(before).toHaveLength(expected.length);
  });
});
