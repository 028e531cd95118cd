import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DelegationRepository, LastAdminError, UserAccountRepository, UserDirectoryRepository } from '../../libs/db';
import type { RoleName } from '../../libs/domain';
import { createPrivateDatabase, PrivateDatabase } from '../support/private-database';

describe('user directory, accounts and delegations (real PostgreSQL, a database of its own)', () => {
  let db: PrivateDatabase;
  let ds: DataSource;
  let accounts: UserAccountRepository;
  let directory: UserDirectoryRepository;
  let delegations: DelegationRepository;
  const hour = 3600_000;
  const at = (h: number) => new Date(Date.UTC(2026, 5, 1, 0) + h * hour);

  beforeAll(async () => {
    db = await createPrivateDatabase();
    ds = db.dataSource;
    accounts = new UserAccountRepository(ds);
    directory = new UserDirectoryRepository(ds);
    delegations = new DelegationRepository(ds);
  });
  afterAll(() => db?.drop());

  async function person(nameLatin: string, roles: RoleName[], division: string | null = 'intl', extra: { active?: boolean } = {}) {
    const { user } = await accounts.createOnce({
      email: `${nameLatin.toLowerCase().replace(/\W+/g, '.')}.${randomUUID().slice(0, 6)}@customs.test`,
      nameMn: nameLatin,
      nameLatin,
      language: 'mn',
      division,
      roles,
      supervisorId: null,
      passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA',
      mustChangePassword: false,
      createRequestId: null,
    });
    if (extra.active === false) await accounts.update(user.id, { active: false });
    return user;
  }

  const delegate = (from: string, to: string, fromH: number, toH: number) =>
    delegations.create({ delegatorId: from, delegateId: to, startsAt: at(fromH), endsAt: at(toH), reason: '', createdBy: from, createRequestId: null });

  it('finds active holders of a role, optionally in one division, in a stable order, without secrets', async () => {
    const a = await person('Anu Legal', ['legal'], 'legal');
    const b = await person('Bat Legal', ['legal', 'officer'], 'intl');
    await person('Old Legal', ['legal'], 'legal', { active: false });
    const all = await directory.findActiveByRole('legal');
    expect(all.map((u) => u.id)).toEqual([a.id, b.id]);
    expect((await directory.findActiveByRole('legal', 'intl')).map((u) => u.id)).toEqual([b.id]);
    expect(await directory.findActiveByRole('finance')).toEqual([]);
    const found = await directory.findById(a.id);
    expect(Object.keys(found!).sort()).toEqual(['active', 'division', 'email', 'id', 'language', 'nameLatin', 'nameMn', 'roles', 'supervisorId']);
    expect(await directory.findById('not-a-uuid')).toBeNull();
    expect(await directory.findByEmail(found!.email.toUpperCase())).toMatchObject({ id: a.id });
  });

  it('keeps emails unique whatever their case and returns the existing account', async () => {
    const u = await person('Case Test', ['officer']);
    const again = await accounts.createOnce({
      email: `  ${u.email.toUpperCase()} `,
      nameMn: 'x',
      nameLatin: 'x',
      language: 'en',
      division: null,
      roles: [],
      supervisorId: null,
      passwordHash: null,
      mustChangePassword: false,
      createRequestId: null,
    });
    expect(again).toMatchObject({ created: false, user: { id: u.id } });
    await expect(ds.query(`INSERT INTO users (email, name_mn, name_latin, roles) VALUES ('x@y.z', 'x', 'x', ARRAY['emperor'])`)).rejects.toThrow(/check constraint/);
  });

  it('resolves an assignee through a delegation in force, following a chain but never a circle', async () => {
    const head = await person('Head', ['division_head']);
    const deputy = await person('Deputy Head', ['officer']);
    const third = await person('Third', ['officer']);
    expect(await directory.resolveAssignee(head.id, at(1))).toEqual({ assigneeId: head.id, onBehalfOfId: null });

    expect((await delegate(head.id, deputy.id, 0, 10)).outcome).toBe('created');
    expect(await directory.resolveAssignee(head.id, at(0))).toEqual({ assigneeId: deputy.id, onBehalfOfId: head.id });
    expect(await directory.resolveAssignee(head.id, at(10))).toEqual({ assigneeId: head.id, onBehalfOfId: null }); // end is exclusive
    expect(await directory.resolveAssignee(head.id, at(-1))).toEqual({ assigneeId: head.id, onBehalfOfId: null });

    // The deputy is away too for part of it: the task goes on to the third person, still on behalf of the head.
    expect((await delegate(deputy.id, third.id, 5, 8)).outcome).toBe('created');
    expect(await directory.resolveAssignee(head.id, at(6))).toEqual({ assigneeId: third.id, onBehalfOfId: head.id });
    // A direct circle back to the head is refused at creation...
    expect((await delegate(deputy.id, head.id, 8, 9)).outcome).toBe('circular');
    // ...and where one exists anyway (over two hops), resolution stops before going round.
    expect((await delegate(third.id, head.id, 6, 7)).outcome).toBe('created');
    expect(await directory.resolveAssignee(head.id, at(6.5))).toEqual({ assigneeId: third.id, onBehalfOfId: head.id });
  });

  it('skips a revoked delegation and an inactive delegate', async () => {
    const a = await person('Away', ['legal']);
    const gone = await person('Gone', ['legal']);
    const d = await delegate(a.id, gone.id, 0, 5);
    await accounts.update(gone.id, { active: false });
    expect(await directory.resolveAssignee(a.id, at(1))).toEqual({ assigneeId: a.id, onBehalfOfId: null });
    await accounts.update(gone.id, { active: true });
    expect((await directory.resolveAssignee(a.id, at(1))).assigneeId).toBe(gone.id);
    await delegations.revoke(d.delegation.id, a.id);
    expect(await directory.resolveAssignee(a.id, at(1))).toEqual({ assigneeId: a.id, onBehalfOfId: null });
  });

  it('refuses overlapping and circular delegations, and a concurrent pair cannot both pass', async () => {
    const a = await person('A', ['finance']);
    const b = await person('B', ['finance']);
    const c = await person('C', ['finance']);
    expect((await delegate(a.id, b.id, 0, 5)).outcome).toBe('created');
    expect((await delegate(a.id, c.id, 4, 6)).outcome).toBe('overlap');
    expect((await delegate(a.id, c.id, 5, 6)).outcome).toBe('created'); // touching periods do not overlap
    expect((await delegate(b.id, a.id, 1, 2)).outcome).toBe('circular');
    const results = await Promise.all([delegate(c.id, b.id, 20, 30), delegate(c.id, a.id, 25, 35)]);
    expect(results.map((r) => r.outcome).sort()).toEqual(['created', 'overlap']);
  });

  it('finds the active supervisor for escalation, else the head of the division', async () => {
    const division = `esc-${randomUUID().slice(0, 8)}`;
    const boss = await person('Boss', ['officer'], division);
    const worker = await person('Worker', ['officer'], division);
    await accounts.update(worker.id, { supervisorId: boss.id });
    expect((await directory.findSupervisor(worker.id))?.id).toBe(boss.id);
    await accounts.update(boss.id, { active: false });
    // No active supervisor and no division head: nobody to escalate to.
    expect(await directory.findSupervisor(worker.id)).toBeNull();
    const head = await person('Head', ['division_head'], division);
    expect((await directory.findSupervisor(worker.id))?.id).toBe(head.id);
    // The head's own escalation never goes back to the head.
    expect(await directory.findSupervisor(head.id)).toBeNull();
    expect(await accounts.wouldCreateSupervisorCycle(boss.id, worker.id)).toBe(true);
    expect(await accounts.wouldCreateSupervisorCycle(worker.id, boss.id)).toBe(false);
  });

  it('never leaves the organisation without an active admin, even under concurrent demotions', async () => {
    await ds.query(`UPDATE users SET roles = array_remove(roles, 'admin') WHERE 'admin' = ANY(roles)`);
    const first = await person('Admin One', ['admin']);
    const second = await person('Admin Two', ['admin']);
    const outcomes = await Promise.allSettled([accounts.update(first.id, { active: false }), accounts.update(second.id, { roles: ['officer'] })]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(LastAdminError);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM users WHERE active AND 'admin' = ANY(roles)`);
    expect(n).toBe(1);
  });

  it('keeps the audit trail append-only', async () => {
    await ds.query(`INSERT INTO audit_events (action, outcome) VALUES ('test.event', 'success')`);
    await expect(ds.query(`UPDATE audit_events SET outcome = 'denied'`)).rejects.toThrow(/append-only/);
    await expect(ds.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
  });
});
