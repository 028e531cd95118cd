import { renderConfirmPage, renderResultPage, ResultPageKind } from './action-pages';

const link = {
  actionLabel: { mn: 'Татгалзах', en: 'Reject' },
  proposalTitle: { mn: 'Конвенц <b>"нэгдэх"</b>', en: 'Convention <script>alert(1)</script>' },
  assigneeName: 'Б. Батбаяр <img src=x onerror=alert(1)>',
  expiresAt: new Date('2027-03-12T09:00:00Z'),
};

describe('action-link pages', () => {
  it('confirmation page: both languages, the reader’s first, a CSRF field, required comment, no script', () => {
    const page = renderConfirmPage({ language: 'en', link, formAction: '/api/v1/actions/abc', csrf: 'CSRF-VALUE', commentRequired: true, tone: 'danger' });
    expect(page.status).toBe(200);
    expect(page.html).toContain('<html lang="en">');
    expect(page.html.indexOf('Confirm your decision: Reject')).toBeLessThan(page.html.indexOf('Шийдвэрээ баталгаажуулна уу: Татгалзах'));
    expect(page.html).toContain('<form method="post" action="/api/v1/actions/abc"');
    expect(page.html).toContain('<input type="hidden" name="csrf" value="CSRF-VALUE">');
    expect(page.html).toMatch(/<textarea id="comment" name="comment" maxlength="4000" required>/);
    expect(page.html).toContain('12 Mar 2027, 17:00');
    expect(page.html).not.toMatch(/<script|<img|onerror=|<b>/);
    expect(page.html).toContain('Convention &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.html).not.toMatch(/(src|href)="https?:/); // no external assets
  });

  it('keeps a typed comment and shows the error when the comment was missing', () => {
    const page = renderConfirmPage({ language: 'mn', link, formAction: '/a', csrf: 'c', commentRequired: true, tone: 'danger', comment: '</textarea><script>x</script>', commentMissing: true });
    expect(page.status).toBe(400);
    expect(page.html).toContain('Энэ шийдвэрт тайлбар заавал бичнэ үү.');
    expect(page.html).toContain('&lt;/textarea&gt;&lt;script&gt;x&lt;/script&gt;</textarea>');
  });

  it.each<[ResultPageKind, number, string, string]>([
    ['done', 200, 'Decision recorded', 'Шийдвэр бүртгэгдлээ'],
    ['already_decided', 409, 'This task was already decided', 'Энэ даалгаврын шийдвэр аль хэдийн гарсан'],
    ['used', 410, 'This link has already been used', 'Энэ холбоосыг аль хэдийн ашигласан'],
    ['expired', 410, 'This link has expired', 'Энэ холбоосын хугацаа дууссан'],
    ['revoked', 410, 'This link is no longer valid', 'Энэ холбоос хүчингүй болсон'],
    ['invalid', 404, 'This link is not valid', 'Энэ холбоос буруу байна'],
    ['form_expired', 403, 'This form has expired', 'Энэ маягтын хугацаа дууссан'],
    ['unavailable', 503, 'Your decision could not be recorded right now', 'Таны шийдвэрийг одоогоор бүртгэж чадсангүй'],
    ['not_allowed', 409, 'This decision cannot be recorded now', 'Энэ шийдвэрийг одоо бүртгэх боломжгүй'],
  ])('%s page: status %i, says so in both languages, has no form', (kind, status, en, mn) => {
    const page = renderResultPage(kind, { language: 'mn', link, decidedBy: 'Г. Ганбаатар', decidedAt: '2027-03-10T06:15:00Z', reason: { mn: 'Баримт дутуу', en: 'A document is missing' }, retryHref: '/api/v1/actions/abc' });
    expect(page.status).toBe(status);
    expect(page.html).toContain(en);
    expect(page.html).toContain(mn);
    expect(page.html.indexOf(mn)).toBeLessThan(page.html.indexOf(en));
    expect(page.html).not.toMatch(/<form|<script/);
  });

  it('says who decided and when on the already-decided and used pages', () => {
    const page = renderResultPage('already_decided', { language: 'en', link, decidedBy: 'Г. Ганбаатар', decidedAt: '2027-03-10T06:15:00Z', decision: { mn: 'Батлах', en: 'Approve' } });
    expect(page.html).toContain('Decided by');
    expect(page.html).toContain('Г. Ганбаатар');
    expect(page.html).toContain('10 Mar 2027, 14:15');
    expect(page.html).toContain('Approve');
    const used = renderResultPage('used', { language: 'en', link, decidedBy: 'Б. Батбаяр', decidedAt: '2027-03-10T06:15:00Z' });
    expect(used.html).toContain('Used by');
    expect(used.html).toContain('Used at');
  });

  it('says who decided what and when on a link the workflow closed, in both languages', () => {
    const page = renderResultPage('revoked', {
      language: 'mn',
      link,
      revokedReason: 'task_closed',
      decidedBy: 'Г. Ганбаатар',
      decidedAt: '2027-03-10T06:15:00Z',
      decision: { mn: 'Зөвшөөрсөн', en: 'Approved' },
    });
    expect(page.status).toBe(410);
    for (const text of ['Даалгавар хаагдсан байна.', 'The task has been closed.', 'Шийдвэр гаргасан', 'Decided by', 'Г. Ганбаатар', 'Зөвшөөрсөн', 'Approved', '10 Mar 2027, 14:15']) {
      expect(page.html).toContain(text);
    }
    expect(page.html).not.toContain('Татгалзах'); // the decision that stands replaces the link's own
  });

  it('names the reason of a revoked link', () => {
    expect(renderResultPage('revoked', { language: 'en', revokedReason: 'reassigned' }).html).toContain('reassigned or delegated');
    expect(renderResultPage('revoked', { language: 'en', revokedReason: 'task_closed' }).html).toContain('The task has been closed.');
    expect(renderResultPage('revoked', { language: 'en', revokedReason: 'something-new' }).html).toContain('The task changed since the email was sent.');
  });
});
