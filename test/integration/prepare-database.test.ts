import { Client } from 'pg';
import { dropDatabase, prepareDatabase } from '../../libs/db/prepare-database';

describe('prepareDatabase (real PostgreSQL)', () => {
  const url = (() => {
    const u = new URL(process.env.DATABASE_URL!);
    u.pathname = `${u.pathname}_prep`;
    return u.toString();
  })();

  afterAll(() => dropDatabase({ url }));

  it('creates a missing database, applies migrations, and is a no-op the second time', async () => {
    await dropDatabase({ url });
    const first = await prepareDatabase({ url });
    expect(first.created).toBe(true);
    expect(first.applied).toContain('InitialSchema1795664000000');

    const second = await prepareDatabase({ url });
    expect(second).toEqual({ created: false, applied: [] });

    const client = new Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
    await client.end();
    expect(rows.map((r) => r.tablename)).toEqual(expect.arrayContaining(['migrations', 'proposal_events', 'proposals']));
  });
});
