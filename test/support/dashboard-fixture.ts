import { randomUUID } from 'node:crypto';
import { AccordStack, eventually } from './accord-stack';
import { createUserAndLogin, SignedInUser, stackDivision } from './users';

/** People of one test file's own division, plus leadership and an admin, all signed in. */
export interface DashboardPeople {
  division: string;
  head: SignedInUser;
  officer: SignedInUser;
  leader: SignedInUser;
  admin: SignedInUser;
}

export async function dashboardPeople(stack: AccordStack, opts: { leaderLanguage?: 'mn' | 'en' } = {}): Promise<DashboardPeople> {
  const head = await createUserAndLogin(stack, ['division_head']);
  return {
    division: stackDivision(stack),
    head,
    officer: await createUserAndLogin(stack, ['officer'], { supervisorId: head.id }),
    leader: await createUserAndLogin(stack, ['leadership'], { division: null, language: opts.leaderLanguage ?? 'mn' }),
    admin: await createUserAndLogin(stack, ['admin'], { division: null }),
  };
}

export interface Titles {
  titleEn: string;
  titleMn: string;
}

/** Creates an accession draft through the API and waits until its workflow has written the read model. */
export async function createProposal(stack: AccordStack, owner: SignedInUser, titles: Titles): Promise<string> {
  const res = await owner.http.post('/api/v1/proposals').send({ kind: 'accession', ...titles, conventionCode: 'RKC', requestId: randomUUID() }).expect(201);
  const id: string = res.body.id;
  await eventually(
    () => owner.http.get(`/api/v1/proposals/${id}`),
    (r) => r.body.timeline?.length >= 1,
  );
  return id;
}

/** Attaches the convention text and submits: DRAFT -> TRANSLATION, through the API. Waits for the read model. */
export async function submitProposal(stack: AccordStack, owner: SignedInUser, id: string): Promise<void> {
  await owner.http
    .post(`/api/v1/proposals/${id}/documents`)
    .field('kind', 'convention_text')
    .field('requestId', randomUUID())
    .attach('file', Buffer.from(`convention text ${randomUUID()}`), { filename: 'convention.pdf', contentType: 'application/pdf' })
    .expect(201);
  await owner.http.post(`/api/v1/proposals/${id}/submit`).send({ requestId: randomUUID() }).expect(200);
  await eventually(
    () => owner.http.get(`/api/v1/proposals/${id}`),
    (r) => r.body.stage === 'TRANSLATION',
  );
}

/** Parses the CSV the dashboard exports (RFC 4180: quoted cells, CRLF lines, a BOM). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && s[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}
