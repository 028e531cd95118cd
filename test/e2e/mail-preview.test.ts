import { MAIL_TEMPLATE_NAMES } from '../../libs/mail';
import { AccordStack, startAccordStack } from '../support/accord-stack';
import { createUserAndLogin, SignedInUser } from '../support/users';

describe('mail preview routes (admin only): every template rendered with sample data', () => {
  let stack: AccordStack;
  let admin: SignedInUser;
  let officer: SignedInUser;

  beforeAll(async () => {
    stack = await startAccordStack({ worker: false });
    admin = await createUserAndLogin(stack, ['admin']);
    officer = await createUserAndLogin(stack, ['officer']);
  });
  afterAll(() => stack?.close());

  it('is refused to the anonymous and to non-admins', async () => {
    await stack.http().get('/api/v1/mail-preview').expect(401);
    await stack.http().get('/api/v1/mail-preview/task-assigned').expect(401);
    await officer.http.get('/api/v1/mail-preview').expect(403);
    await officer.http.get('/api/v1/mail-preview/task-assigned').expect(403);
  });

  it('lists every template with preview links in both languages', async () => {
    const res = await admin.http.get('/api/v1/mail-preview').expect(200);
    expect(res.body.templates.map((t: { name: string }) => t.name)).toEqual(MAIL_TEMPLATE_NAMES);
    expect(res.body.templates[0]).toMatchObject({ preview: { mn: '/api/v1/mail-preview/task-assigned?lang=mn', en: '/api/v1/mail-preview/task-assigned?lang=en' } });
  });

  it.each(MAIL_TEMPLATE_NAMES)('renders %s as HTML, text and JSON in both languages', async (name) => {
    for (const lang of ['mn', 'en']) {
      const html = await admin.http.get(`/api/v1/mail-preview/${name}?lang=${lang}`).expect(200);
      expect(html.headers['content-type']).toMatch(/^text\/html/);
      expect(html.text).toContain(`<html lang="${lang}">`);
      const text = await admin.http.get(`/api/v1/mail-preview/${name}?lang=${lang}&format=text`).expect(200);
      expect(text.headers['content-type']).toMatch(/^text\/plain/);
      expect(text.text).toMatch(/^Subject: .+\n\n/);
      const json = await admin.http.get(`/api/v1/mail-preview/${name}?lang=${lang}&format=json`).expect(200);
      expect(Object.keys(json.body).sort()).toEqual(['html', 'subject', 'text']);
      expect(text.text).toContain(json.body.subject);
    }
  });

  it('answers 404 for an unknown template and 400 for a bad language', async () => {
    expect((await admin.http.get('/api/v1/mail-preview/no-such-template').expect(404)).body.code).toBe('not_found');
    expect((await admin.http.get('/api/v1/mail-preview/task-assigned?lang=fr').expect(400)).body.details).toEqual([expect.objectContaining({ field: 'lang' })]);
  });
});
