import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ActionTokenService } from '../../apps/api/src/actions/action-token.service';
import { ActionTokenBinding, ActionTokenRepository, dataSourceOptions, hashActionToken } from '../../libs/db';

describe('action tokens (real PostgreSQL)', () => {
  let ds: DataSource;
  let repo: ActionTokenRepository;
  let service: ActionTokenService;

  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions({ url: process.env.DATABASE_URL!, poolSize: 20 })).initialize();
    repo = new ActionTokenRepository(ds);
    service = new ActionTokenService(repo);
  });
  afterAll(() => ds?.destroy());

  const assignee = randomUUID();
  function binding(taskId: string, action = 'approve'): ActionTokenBinding {
    return { taskId, proposalId: randomUUID(), assigneeId: assignee, assigneeName: 'Б. Батбаяр', action, label: { mn: action, en: action }, commentRequired: false, language: 'mn' };
  }
  const newTask = () => `task-${randomUUID()}`;

  it('issues a random 32-byte base64url token and stores only its SHA-256', async () => {
    const taskId = newTask();
    const { token, record } = await repo.issue(binding(taskId), 3600);
    const again = await repo.issue(binding(taskId), 3600);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(again.token).not.toBe(token);
    expect(record.tokenHash).toBe(hashActionToken(token));
    const rows = JSON.stringify(await ds.query(`SELECT * FROM action_tokens WHERE task_id = $1`, [taskId]));
    expect(rows).not.toContain(token);
    expect(record.expiresAt.getTime() - record.issuedAt.getTime()).toBeGreaterThan(3599_000);
  });

  it('inspect never consumes; consume works once, then reports who used it and when', async () => {
    const { token } = await repo.issue(binding(newTask()), 3600);
    for (let i = 0; i < 3; i++) expect((await service.inspect(token)).kind).toBe('active');
    const first = await service.consume(token, 'req-1');
    expect(first.kind).toBe('consumed');
    if (first.kind !== 'consumed') throw new Error('unreachable');
    // The consumed row comes back from the UPDATE itself, typed as the entity (dates, booleans, the bigint id).
    expect(first.link).toMatchObject({ status: 'used', usedBy: assignee, closedRequestId: 'req-1', commentRequired: false, tokenHash: hashActionToken(token) });
    expect(first.link.usedAt).toBeInstanceOf(Date);
    expect(first.link.expiresAt).toBeInstanceOf(Date);
    expect(first.link.id).toMatch(/^\d+$/);
    const second = await service.consume(token, 'req-2');
    expect(second.kind).toBe('used');
    if (second.kind !== 'used') throw new Error('unreachable');
    expect(second.link).toMatchObject({ usedBy: assignee, assigneeName: 'Б. Батбаяр', closedRequestId: 'req-1' });
    expect(second.link.usedAt).toBeInstanceOf(Date);
    expect((await service.inspect(token)).kind).toBe('used');
  });

  it('an expired token is reported as expired and cannot be consumed', async () => {
    const { token } = await repo.issue(binding(newTask()), 1);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await service.inspect(token)).kind).toBe('expired');
    expect((await service.consume(token, 'req')).kind).toBe('expired');
    expect((await repo.findByToken(token))?.status).toBe('active'); // expiry is a time: nothing was written
  });

  it('revokeForTask closes every active link of the task, with the reason', async () => {
    const taskId = newTask();
    const a = await repo.issue(binding(taskId), 3600);
    const b = await repo.issue(binding(taskId, 'reject'), 3600);
    const other = await repo.issue(binding(newTask()), 3600);
    expect(await service.revokeForTask(taskId, 'reassigned')).toBe(2);
    expect(await service.revokeForTask(taskId, 'reassigned')).toBe(0);
    for (const t of [a.token, b.token]) {
      const state = await service.inspect(t);
      expect(state).toMatchObject({ kind: 'revoked', reason: 'reassigned' });
      expect((await service.consume(t, 'req')).kind).toBe('revoked');
    }
    expect((await service.inspect(other.token)).kind).toBe('active');
  });

  it('unknown, tampered and malformed tokens are invalid', async () => {
    const { token } = await repo.issue(binding(newTask()), 3600);
    const tampered = (token[0] === 'A' ? 'B' : 'A') + token.slice(1);
    for (const t of [tampered, randomUUID(), '', 'a'.repeat(44), `${token.slice(0, 42)}=`, '../../etc/passwd']) {
      expect(await service.inspect(t)).toEqual({ kind: 'invalid' });
      expect(await service.consume(t, 'req')).toEqual({ kind: 'invalid' });
    }
    expect((await service.inspect(token)).kind).toBe('active');
  });

  it('two concurrent consumes of one token: exactly one wins', async () => {
    for (let round = 0; round < 5; round++) {
      const { token } = await repo.issue(binding(newTask()), 3600);
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => service.consume(token, `req-${i}`)));
      expect(results.filter((r) => r.kind === 'consumed')).toHaveLength(1);
      expect(results.filter((r) => r.kind === 'used')).toHaveLength(7);
    }
  });

  it('concurrent consumes of different links of one task: exactly one wins, the others are superseded', async () => {
    for (let round = 0; round < 5; round++) {
      const taskId = newTask();
      const issued = await Promise.all(['approve', 'request_changes', 'reject', 'approve'].map((a) => repo.issue(binding(taskId, a), 3600)));
      const results = await Promise.all(issued.map((t, i) => service.consume(t.token, `req-${i}`)));
      expect(results.filter((r) => r.kind === 'consumed')).toHaveLength(1);
      const winner = results.find((r) => r.kind === 'consumed')!;
      for (const r of results.filter((x) => x.kind !== 'consumed')) {
        expect(r).toMatchObject({ kind: 'revoked', reason: 'superseded' });
        if (r.kind === 'revoked') expect(r.decidedWith?.id).toBe(winner.link.id);
      }
    }
  });

  it('release gives a consumed link (and its superseded siblings) back, only to the request that took it', async () => {
    const taskId = newTask();
    const a = await repo.issue(binding(taskId), 3600);
    const b = await repo.issue(binding(taskId, 'reject'), 3600);
    const used = await service.consume(a.token, 'req-a');
    if (used.kind !== 'consumed') throw new Error('expected consumed');
    expect(await service.release(used.link, 'someone-else')).toBe(false);
    expect(await service.release(used.link, 'req-a')).toBe(true);
    expect((await service.inspect(a.token)).kind).toBe('active');
    expect((await service.inspect(b.token)).kind).toBe('active');
    expect((await service.consume(b.token, 'req-b')).kind).toBe('consumed');
    expect(await service.inspect(a.token)).toMatchObject({ kind: 'revoked', reason: 'superseded' });
  });
});
