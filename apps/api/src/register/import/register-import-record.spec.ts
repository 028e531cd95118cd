import { csvRowToRecord } from './register-import-file';
import { checkImportRecords } from './register-import-record';

const today = '2026-05-01';
const bilateral = {
  category: 'bilateral',
  counterpartCountry: 'kz',
  counterpartAuthority: 'State Revenue Committee',
  instrumentType: 'intergovernmental',
  titleEn: 'Agreement with Kazakhstan',
  titleMn: 'Казахстантай байгуулсан хэлэлцээр',
  subject: 'Customs cooperation',
  signatureDate: '2009-06-03',
  notifications: [
    { party: 'mongolia', date: '2009-09-14', reference: 'a' },
    { party: 'counterpart', date: '2009-10-26', reference: 'b' },
  ],
  entryIntoForceRule: 'days_after_last_notification:30',
  renewalRule: null,
};

describe('register import records', () => {
  it('computes a convention\'s entry into force from its rule and keys it by its code', () => {
    const { records, problems } = checkImportRecords([{ category: 'convention', conventionCode: 'HS', depositDate: '1991-12-20' }], { today });
    expect(problems).toEqual([]);
    expect(records[0]).toMatchObject({ key: 'HS', entryIntoForce: '1993-01-01', entryIntoForceComputed: true, titleEn: 'Accession to the HS Convention' });
  });

  it('derives a bilateral instrument\'s stage from its dates and keys it by country, type and signature', () => {
    const { records, problems } = checkImportRecords([bilateral, { ...bilateral, signatureDate: '2010-01-05', notifications: [], entryIntoForceRule: 'on_signature', termination: { initiatedBy: 'counterpart', noticeDate: '2020-01-01', effectiveDate: '2020-07-01', reason: 'x' } }], { today });
    expect(problems).toEqual([]);
    expect(records.map((r) => [r.key, r.category === 'bilateral' && r.stage, r.category === 'bilateral' && r.agreement.entryIntoForce])).toEqual([
      ['KZ-intergovernmental-2009-06-03', 'IN_FORCE', '2009-11-25'],
      ['KZ-intergovernmental-2010-01-05', 'TERMINATED', '2010-01-05'],
    ]);
  });

  it('names each problem with its record, field and reason in both languages, and rejects repeated keys', () => {
    const { records, problems } = checkImportRecords(
      [bilateral, { ...bilateral }, { ...bilateral, key: 'KZ-other', status: 'expired', extra: 1 }],
      { today },
    );
    expect(records).toHaveLength(1);
    expect(problems.map((p) => [p.record, p.field])).toEqual([
      [2, 'key'],
      [3, 'extra'],
      [3, 'status'],
    ]);
    expect(problems.every((p) => p.reason && p.reasonMn)).toBe(true);
  });

  it('turns a CSV row into the JSON form', () => {
    expect(
      csvRowToRecord({
        category: 'bilateral',
        annexesAccepted: 'A|B.1',
        signatoryMongolia: 'D. Dorj, Commissioner General',
        mongoliaNotificationDate: '2009-09-14',
        validityYears: '5',
        renewalPeriodYears: '5',
        noticeMonths: '6',
        documents: 'signed_text=texts/kz.pdf',
      }),
    ).toEqual({
      category: 'bilateral',
      annexesAccepted: ['A', 'B.1'],
      signatories: [{ party: 'mongolia', name: 'D. Dorj', title: 'Commissioner General' }],
      notifications: [{ party: 'mongolia', date: '2009-09-14', reference: '' }],
      renewalRule: { validityYears: 5, automaticRenewal: { periodYears: 5, noticeMonths: 6 } },
      documents: [{ kind: 'signed_text', path: 'texts/kz.pdf' }],
    });
  });
});
