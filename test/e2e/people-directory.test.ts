import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { UserAccountRepository } from '../../libs/db';
import type { RoleName } from '../../libs/domain';
import { AccordStack, startAccordStack } from '../support/accord-stack';
import { createUser, createUserAndLogin, SignedInUser, TestUser } from '../support/users';

/** GET /api/v1/people: the directory behind the people picker, readable by everyone signed in, names only. */
describe('people directory (GET /api/v1/people)', () => {
  let stack: AccordStack;
  let officer: SignedInUser;
  let admin: SignedInUser;
  // A word in every name made here, so the search finds this file's people and nobody else's.
  const tag = `zq${randomUUID().slice(0, 6)}`;
  const people: Record<string, TestUser> = {};

  /** A person with names of our choosing (the fixture's are `Test <role> <tag>`). */
  async function person(key: string, nameLatin: string, nameMn: string, roles: RoleName[] = ['officer']): Promise<TestUser> {
    const u = await createUser(stack, roles);
    await new UserAccountRepository(stack.api.get(DataSource)).update(u.id, { nameLatin: `${nameLatin} ${tag}`, nameMn: `${nameMn} ${tag}` });
    people[key] = u;
    return u;
  }

  beforeAll(async () => {
    stack = await startAccordStack({ worker: false });
    officer = await createUserAndLogin(stack, ['officer']);
    admin = await createUserAndLogin(stack, ['admin'], { division: null });
    await person('bat', 'Batbold Temuulen', 'Батболд Тэмүүлэн');
    await person('nomin', 'Ganzorig Nomin', 'Ганзориг Номин', ['division_head']);
    await person('left', 'Dorj Saruul', 'Дорж Саруул');
    // Gone from the organisation: never offered again.
    await admin.http.post(`/api/v1/users/${people.left.id}/deactivate`).expect(200);
  });
  afterAll(() => stack?.close());

  it('anyone signed in may read it (officers and leadership included); the anonymous may not', async () => {
    await stack.http().get('/api/v1/people').query({ q: tag }).expect(401);
    for (const roles of [['officer'], ['leadership'], ['finance'], ['admin']] as RoleName[][]) {
      const who = await createUserAndLogin(stack, roles);
      const res = await who.http.get('/api/v1/people').query({ q: tag }).expect(200);
      expect(res.body.items.length).toBeGreaterThan(0);
    }
  });

  it('returns active people only, by Latin name, with id, names and division and nothing else', async () => {
    const res = await officer.http.get('/api/v1/people').query({ q: tag }).expect(200);
    expect(res.body.items).toEqual([
      { id: people.bat.id, nameMn: `Батболд Тэмүүлэн ${tag}`, nameLatin: `Batbold Temuulen ${tag}`, division: people.bat.division },
      { id: people.nomin.id, nameMn: `Ганзориг Номин ${tag}`, nameLatin: `Ganzorig Nomin ${tag}`, division: people.nomin.division },
    ]);
    // No email, roles, supervisor, language or account state, whoever asks.
    for (const item of res.body.items) expect(Object.keys(item).sort()).toEqual(['division', 'id', 'nameLatin', 'nameMn']);
    expect(JSON.stringify(res.body)).not.toContain('@');
  });

  it('searches either spelling of the name (Latin case-insensitively) and limits the answer', async () => {
    // (Latin case is folded whatever the database's locale; Cyrillic case folding depends on it, so not asserted.)
    const cyrillic = await officer.http.get('/api/v1/people').query({ q: `Номин ${tag}` }).expect(200);
    expect(cyrillic.body.items.map((p: { id: string }) => p.id)).toEqual([people.nomin.id]);
    const latin = await officer.http.get('/api/v1/people').query({ q: `BATBOLD temuulen ${tag}` }).expect(200);
    expect(latin.body.items.map((p: { id: string }) => p.id)).toEqual([people.bat.id]);
    const limited = await officer.http.get('/api/v1/people').query({ q: tag, limit: 1 }).expect(200);
    expect(limited.body.items.map((p: { id: string }) => p.id)).toEqual([people.bat.id]);
    // The deactivated person is not found by name either.
    expect((await officer.http.get('/api/v1/people').query({ q: `Saruul ${tag}` }).expect(200)).body.items).toEqual([]);
    // Pattern characters are literal.
    expect((await officer.http.get('/api/v1/people').query({ q: `%${tag}` }).expect(200)).body.items).toEqual([]);
  });

  it('names the people behind ids (comma-separated or repeated), leaving out the inactive and the unknown', async () => {
    const ids = [people.nomin.id, people.left.id, randomUUID(), people.bat.id];
    const comma = await officer.http.get('/api/v1/people').query({ ids: ids.join(',') }).expect(200);
    expect(comma.body.items.map((p: { id: string }) => p.id)).toEqual([people.bat.id, people.nomin.id]);
    const repeated = await officer.http.get(`/api/v1/people?${ids.map((id) => `ids=${id}`).join('&')}`).expect(200);
    expect(repeated.body.items.map((p: { id: string }) => p.id)).toEqual([people.bat.id, people.nomin.id]);
  });

  it('is documented in the OpenAPI document: its query parameters and the shape of a person', async () => {
    const doc = (await stack.http().get('/docs/openapi.json').expect(200)).body;
    const op = doc.paths['/api/v1/people'].get;
    expect(op.parameters.filter((p: { in: string }) => p.in === 'query').map((p: { name: string }) => p.name).sort()).toEqual(['ids', 'limit', 'q']);
    expect(Object.keys(doc.components.schemas.PersonDto.properties).sort()).toEqual(['division', 'id', 'nameLatin', 'nameMn']);
  });

  it('refuses bad queries with the field and reason', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ limit: '0' }, 'limit'],
      [{ limit: '51' }, 'limit'],
      [{ limit: 'ten' }, 'limit'],
      [{ q: 'x'.repeat(101) }, 'q'],
      [{ ids: 'not-a-uuid' }, 'ids'],
      [{ ids: Array.from({ length: 51 }, () => randomUUID()).join(',') }, 'ids'],
      [{ email: 'x' }, 'email'],
    ];
    for (const [query, field] of cases) {
      const res = await officer.http.get('/api/v1/people').query(query).expect(400);
      expect({ query, fields: res.body.details.map((d: { field: string }) => d.field) }).toEqual({ query, fields: expect.arrayContaining([field]) });
    }
  });
});
