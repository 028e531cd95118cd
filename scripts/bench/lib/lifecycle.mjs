// One accession proposal driven through its whole lifecycle as people would: the owner through the HTTP API, every
// approver through the emailed action link (confirmation page, then the button's POST). Same steps as
// test/e2e/accession-lifecycle.test.ts. Returns when the read model shows COMPLETED with the whole timeline.
import { randomUUID } from 'node:crypto';
import { sleep, waitForValue } from './stack.mjs';

/** Signs in everyone a lifecycle needs (one owner per client; the approvers are shared). */
export async function signIn(stack, clients) {
  while (stack.officers.length < clients + 1) await stack.addOfficer(stack.officers.length);
  const tokens = { owners: [], approvers: {} };
  for (let i = 0; i < clients; i++) tokens.owners.push({ ...stack.officers[i], token: await stack.login(stack.officers[i].email) });
  const colleague = stack.officers[clients];
  tokens.colleague = { ...colleague, token: await stack.login(colleague.email) };
  return tokens;
}

/** Approves the proposal's newest task through the link in its task-assigned email. */
async function approveByEmail(stack, proposalId, assigneeEmail) {
  const mail = await waitForValue(
    () => stack.mails.find((m) => !m.used && m.to.includes(assigneeEmail) && m.raw.includes(proposalId) && /actions\/[A-Za-z0-9_-]{20,}/.test(m.raw)),
    120000,
    50,
  );
  mail.used = true;
  const token = mail.raw.match(/actions\/([A-Za-z0-9_-]{20,})/)[1];
  const page = await fetch(`${stack.url}/api/v1/actions/${token}`);
  const html = await page.text();
  const csrf = html.match(/name="csrf" value="([^"]+)"/)?.[1];
  if (!csrf) throw new Error(`action page without a form (${page.status}) for ${proposalId}`);
  const cookie = page.headers.get('set-cookie').split(';')[0];
  const res = await fetch(`${stack.url}/api/v1/actions/${token}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie }, body: new URLSearchParams({ csrf, comment: '' }) });
  if (res.status !== 200) throw new Error(`action POST ${proposalId}: ${res.status}`);
}

/** Runs one proposal from creation to COMPLETED; resolves to its id. */
export async function driveLifecycle(stack, owner, colleague, { untilStage } = {}) {
  const { call, upload } = stack;
  const t = owner.token;
  const act = (id, path, body = {}) => call(t, 'POST', `/api/v1/proposals/${id}/${path}`, { requestId: randomUUID(), ...body });
  const emails = { head: 'head@bench.test', legal: 'legal@bench.test', deputy: 'deputy@bench.test', chief: 'chief@bench.test' };
  const { id } = await call(t, 'POST', '/api/v1/proposals', {
    kind: 'accession',
    titleEn: 'Accession to the Revised Kyoto Convention',
    titleMn: 'Киотогийн шинэчилсэн конвенцид нэгдэх',
    conventionCode: 'RKC',
    requestId: randomUUID(),
  });
  await upload(t, id, 'convention_text');
  await act(id, 'submit');
  await upload(t, id, 'translation');
  await act(id, 'complete-stage');
  if (untilStage === 'TRANSLATION_APPROVAL') return id;
  await approveByEmail(stack, id, emails.head);
  await upload(t, id, 'research_report');
  await act(id, 'complete-stage');
  await approveByEmail(stack, id, emails.head);
  await act(id, 'remarks', { body: 'Ministry of Finance', remarks: 'Estimate the budget impact', replyDeadline: '2026-12-15' });
  await act(id, 'remarks/r1/response', { response: 'Estimate added to section 4' });
  await act(id, 'complete-stage');
  for (const who of ['head', 'legal', 'deputy', 'chief']) await approveByEmail(stack, id, emails[who]);
  await act(id, 'cabinet-outcome', { outcome: 'approved', resolutionNumber: '217', resolutionDate: '2026-01-14' });
  await act(id, 'parliament-outcome', { outcome: 'ratified', lawNumber: 'XI-45', lawDate: '2026-02-02', annexesAccepted: ['GA', 'A'], reservations: [] });
  await act(id, 'deposit', { depositDate: '2026-03-02' });
  await act(id, 'action-items', { title: 'Amend the customs procedures regulation', ownerId: colleague.id, dueDate: '2026-12-31' });
  await call(colleague.token, 'POST', `/api/v1/proposals/${id}/action-items/i1/complete`, { requestId: randomUUID() });
  // Done when the read model holds COMPLETED and every event the workflow reported.
  for (;;) {
    const p = await call(t, 'GET', `/api/v1/proposals/${id}`);
    if (p.stage === 'COMPLETED' && p.live && p.timeline.length === p.live.eventSeq && p.tasks.every((x) => x.status !== 'open')) return id;
    await sleep(200);
  }
}
