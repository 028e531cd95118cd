import type { TreatyRegisterRow } from '../../../../libs/db';
import { emptyAgreementData } from '../../../../libs/domain';
import { inForceOn, registerEntry } from './register-entry';

const agreementRow = (stage: string, agreement: object): TreatyRegisterRow => ({
  id: '00000000-0000-4000-8000-000000000001',
  kind: 'agreement',
  titleEn: 'Agreement',
  titleMn: 'Хэлэлцээр',
  stage,
  status: stage === 'IN_FORCE' ? 'open' : 'terminated',
  ownerId: null,
  division: null,
  workflowStatus: 'RUNNING',
  details: { fields: { counterpartCountry: 'RU', instrumentType: 'intergovernmental' }, agreement },
});

describe('treaty register entries', () => {
  const data = { ...emptyAgreementData({ entryIntoForceRule: { type: 'on_signature' }, renewalRule: null }), signature: { date: '2010-01-01', place: 'x', signatories: [] }, entryIntoForce: '2010-01-01' };

  it('is not yet in force before its date, in force from it, and ends on a termination\'s effective date', () => {
    const terminating = { ...data, entryIntoForce: '2026-06-01', termination: { initiatedBy: 'mongolia' as const, noticeDate: '2026-01-01', effectiveDate: '2027-01-01', reason: 'r' } };
    expect(registerEntry(agreementRow('IN_FORCE', terminating), '2026-05-31').status).toBe('not_yet_in_force');
    const e = registerEntry(agreementRow('IN_FORCE', terminating), '2026-06-01');
    expect(e).toMatchObject({ status: 'in_force', endDate: '2027-01-01', nextDeadline: { kind: 'termination', date: '2027-01-01' } });
    // On the day itself the dates decide, before the workflow's timer moves the stage.
    expect(registerEntry(agreementRow('IN_FORCE', terminating), '2027-01-01').status).toBe('terminated');
    expect([inForceOn(e, '2026-12-31'), inForceOn(e, '2027-01-01'), inForceOn(e, '2026-05-31')]).toEqual([true, false, false]);
  });

  it('shows a signed instrument as awaiting entry into force, never in force on a date', () => {
    const e = registerEntry(agreementRow('SIGNATURE', { ...data, entryIntoForce: null }), '2026-05-01');
    expect(e.status).toBe('signed');
    expect(inForceOn(e, '2026-05-01')).toBe(false);
  });
});
