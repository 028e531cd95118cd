import { deterministicMessageId, senderDomain } from './message-id';
import { isValidMailAddress, toRecipient } from './mail-address';
import { MailTemplateError, renderTemplate, sampleData } from './render-template';
import { resolveActionChoice, UnknownActionError } from './task-actions';
import { MAIL_TEMPLATE_NAMES, TaskAssignedData } from './templates';

function taskAssigned(overrides: Partial<TaskAssignedData> = {}): TaskAssignedData {
  return { ...(sampleData('task-assigned') as TaskAssignedData), ...overrides };
}

describe('renderTemplate', () => {
  it.each(MAIL_TEMPLATE_NAMES.flatMap((n) => [[n, 'mn'], [n, 'en']] as const))('%s renders its sample in %s, both languages, html and text', (name, lang) => {
    const mail = renderTemplate(name, lang, sampleData(name));
    expect(mail.subject.length).toBeGreaterThan(5);
    expect(mail.subject).not.toMatch(/[\r\n]|undefined|\{\w+\}/);
    for (const body of [mail.html, mail.text]) {
      expect(body).not.toMatch(/undefined|\[object Object\]|\{\w+\}/);
      // The recipient's language first, the other one below.
      const mn = body.indexOf('Олон улсын хамтын ажиллагааны хэлтсийн');
      const en = body.indexOf('International Cooperation Division');
      expect(mn).toBeGreaterThan(0);
      expect(en).toBeGreaterThan(0);
      expect(lang === 'mn' ? mn < en : en < mn).toBe(true);
    }
    expect(mail.html).toMatch(/^<!DOCTYPE html>/);
    expect(mail.html).toContain(`<html lang="${lang}">`);
    expect(mail.text).not.toMatch(/<\/?(p|a|table|tr|td|div|br|ul|li|h3|strong)\b/);
  });

  it('puts the subject in the recipient’s language', () => {
    expect(renderTemplate('task-assigned', 'en', taskAssigned()).subject).toBe('Action needed: Accession to the Revised Kyoto Convention');
    expect(renderTemplate('task-assigned', 'mn', taskAssigned()).subject).toBe('Шийдвэр гаргах шаардлагатай: Киотогийн шинэчилсэн конвенцид нэгдэн орох тухай');
  });

  it('shows the proposal facts, the due date and one link per action in both languages', () => {
    const mail = renderTemplate('task-assigned', 'en', taskAssigned());
    for (const s of ['Division head review', 'Хэлтсийн даргын хяналт', 'Д. Сарангэрэл', '12 Mar 2027, 17:00', '2027 оны 3-р сарын 12 17:00']) {
      expect(mail.text).toContain(s);
      expect(mail.html).toContain(s);
    }
    expect(mail.text).toContain('Approve: http://localhost:3000/api/v1/actions/SAMPLE-approve');
    expect(mail.text).toContain('Батлах: http://localhost:3000/api/v1/actions/SAMPLE-approve');
    expect(mail.html.match(/href="http:\/\/localhost:3000\/api\/v1\/actions\/SAMPLE-reject"/g)).toHaveLength(2);
  });

  it('uses a stage’s own action labels', () => {
    const mail = renderTemplate(
      'task-assigned',
      'mn',
      taskAssigned({ actions: [{ action: 'translation_accepted', label: { mn: 'Орчуулгыг хүлээн авлаа', en: 'Translation accepted' }, url: 'https://accord.test/api/v1/actions/x' }] }),
    );
    expect(mail.text).toContain('Орчуулгыг хүлээн авлаа: https://accord.test/api/v1/actions/x');
    expect(mail.text).toContain('Translation accepted: https://accord.test/api/v1/actions/x');
  });

  it('escapes data in HTML, keeps it verbatim in text, and keeps the subject on one line', () => {
    const evil = '<script>alert("x")</script> & <b onclick="y">';
    const data = taskAssigned({
      recipientName: evil,
      proposal: { ...taskAssigned().proposal, title: { mn: `${evil}\r\nBcc: someone@evil.test`, en: evil }, ownerName: '"><img src=x onerror=alert(1)>' },
    });
    const mail = renderTemplate('task-assigned', 'en', data);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<img src=x');
    expect(mail.html).not.toContain('<b onclick');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b onclick&#x3D;&quot;y&quot;&gt;');
    expect(mail.text).toContain(evil);
    const mn = renderTemplate('task-assigned', 'mn', data);
    expect(mn.subject).not.toMatch(/[\r\n]/);
    expect(mn.subject).toContain('Bcc: someone@evil.test'); // harmless once it is inside the one Subject line
  });

  it('refuses links that are not http(s)', () => {
    const data = taskAssigned({ actions: [{ action: 'approve', label: { mn: 'Батлах', en: 'Approve' }, url: 'javascript:alert(1)' }] });
    expect(() => renderTemplate('task-assigned', 'en', data)).toThrow(/actions\.0\.url/);
  });

  it('reports unknown templates, languages and bad data as MailTemplateError with the problem', () => {
    const attempt = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        return err as MailTemplateError;
      }
      throw new Error('expected a MailTemplateError');
    };
    expect(attempt(() => renderTemplate('no-such', 'en', {}))).toMatchObject({ name: 'MailTemplateError', code: 'unknown_template' });
    expect(attempt(() => renderTemplate('task-assigned', 'fr', taskAssigned()))).toMatchObject({ code: 'unknown_language' });
    const bad = attempt(() => renderTemplate('task-assigned', 'en', { recipientName: 'X', proposal: { title: { en: 'only english' } } }));
    expect(bad.code).toBe('invalid_data');
    expect(bad.problems).toEqual(expect.arrayContaining([expect.stringMatching(/^proposal\.title\.mn:/), expect.stringMatching(/^proposal\.url:/)]));
  });

  it('says how overdue an escalated task is, in the reader’s units', () => {
    const data = { ...(sampleData('task-escalated') as object), overdueMs: 90 * 60 * 1000 };
    const mail = renderTemplate('task-escalated', 'en', data);
    expect(mail.text).toContain('Overdue by: 1 h');
    expect(mail.text).toContain('Хэтэрсэн хугацаа: 1 цаг');
    expect(mail.text).toContain('Assigned to: Б. Батбаяр');
  });

  it('owner notification needs a decision or a stage change', () => {
    const { decision: _d, stageChange: _s, ...rest } = sampleData('owner-notification') as Record<string, unknown>;
    expect(() => renderTemplate('owner-notification', 'en', rest)).toThrow(/decision, a stage change, or both/);
    const stageOnly = renderTemplate('owner-notification', 'en', { ...rest, stageChange: { from: 'A', to: 'B', at: '2027-01-01T00:00:00Z' } });
    expect(stageOnly.subject).toBe('Now at B: Accession to the Revised Kyoto Convention');
  });

  it('owner notification to a trip delegate speaks of the trip they travel on, not their proposal', () => {
    const data = { ...(sampleData('owner-notification') as object), traveller: true };
    for (const lang of ['en', 'mn'] as const) {
      const mail = renderTemplate('owner-notification', lang, data);
      for (const body of [mail.html, mail.text]) {
        expect(body).toContain('a trip you are travelling on: Approved');
        expect(body).toContain('The trip you are travelling on moved from');
        expect(body).toContain('one of the trip’s delegates');
        expect(body).toContain('Таны оролцох томилолт');
        expect(body).not.toContain('your proposal');
        expect(body).not.toContain('because you own the proposal');
      }
    }
  });
});

describe('action choices', () => {
  it('labels the standard decisions and requires a comment for reject and request-changes', () => {
    expect(resolveActionChoice({ action: 'approve' })).toMatchObject({ label: { en: 'Approve', mn: 'Батлах' }, commentRequired: false });
    expect(resolveActionChoice({ action: 'reject' }).commentRequired).toBe(true);
    expect(resolveActionChoice({ action: 'request_changes' }).commentRequired).toBe(true);
  });

  it('refuses a stage’s own action without labels', () => {
    expect(() => resolveActionChoice({ action: 'translation_accepted' })).toThrow(UnknownActionError);
    expect(resolveActionChoice({ action: 'translation_accepted', label: { mn: 'Хүлээн авлаа', en: 'Accepted' } }).commentRequired).toBe(false);
  });
});

describe('message ids and addresses', () => {
  it('derives one Message-ID per idempotency key, in the sender’s domain', () => {
    const a = deterministicMessageId('task:1:user:assigned:1', 'Accord <accord@customs.gov.mn>');
    expect(a).toMatch(/^<[0-9a-f]{40}\.accord@customs\.gov\.mn>$/);
    expect(deterministicMessageId('task:1:user:assigned:1', 'Accord <accord@customs.gov.mn>')).toBe(a);
    expect(deterministicMessageId('task:1:user:assigned:2', 'Accord <accord@customs.gov.mn>')).not.toBe(a);
    expect(senderDomain('no address here')).toBe('accord.localhost');
  });

  it('accepts plain addresses only', () => {
    for (const ok of ['a@b.mn', 'first.last+tag@customs.gov.mn', 'dev@localhost']) expect(isValidMailAddress(ok)).toBe(true);
    for (const bad of ['', 'no-at', 'a@', '@b.mn', 'a b@c.mn', 'A <a@b.mn>', 'a@b.mn, c@d.mn', 'a..b@c.mn', 'a@b.mn\r\nBcc: x@y.z', 42]) {
      expect(isValidMailAddress(bad)).toBe(false);
    }
    expect(toRecipient({ address: ' a@b.mn ', name: ' A ' })).toEqual({ address: 'a@b.mn', name: 'A' });
  });
});
