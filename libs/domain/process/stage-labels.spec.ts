import { ACCESSION_V1 } from '../accession';
import { TRIP_V1 } from '../trips/trip-definition.v1';
import { kindLabel, stageLabel, stageOrder, terminalStages } from './stage-labels';

describe('stage labels', () => {
  it('names every accession stage from its definition, in process order, then the terminal stages', () => {
    expect(stageOrder('accession')).toEqual([...ACCESSION_V1.stages.map((s) => s.code), 'COMPLETED', 'REJECTED', 'WITHDRAWN']);
    for (const s of ACCESSION_V1.stages) expect(stageLabel('accession', s.code)).toEqual(s.name);
    expect(stageLabel('accession', 'REJECTED')).toEqual({ en: 'Rejected', mn: 'Татгалзсан' });
  });

  it('shows an unknown stage or kind as its code instead of failing', () => {
    expect(stageLabel('accession', 'SOMETHING_NEW')).toEqual({ en: 'SOMETHING_NEW', mn: 'SOMETHING_NEW' });
    expect(stageLabel('treaty', 'DRAFT')).toEqual({ en: 'DRAFT', mn: 'DRAFT' });
    expect(stageOrder('treaty')).toEqual(['COMPLETED', 'REJECTED', 'WITHDRAWN']);
    expect(kindLabel('accession').en).toBe('Accession to a convention');
    expect(kindLabel('treaty')).toEqual({ en: 'treaty', mn: 'treaty' });
  });

  it('names the trip stages, its own end stages included', () => {
    expect(stageOrder('trip')).toEqual(['DRAFT', 'SUBMITTED', 'APPROVED', 'IN_TRAVEL', 'REPORT_DUE', 'CLOSED', 'REJECTED', 'WITHDRAWN', 'CANCELLED', 'EXPIRED']);
    expect(stageLabel('trip', 'IN_TRAVEL')).toEqual({ en: 'Travelling', mn: 'Томилолтод яваа' });
    expect(stageLabel('trip', 'EXPIRED')).toEqual({ en: 'Expired', mn: 'Хугацаа дууссан' });
    expect(kindLabel('trip')).toEqual({ en: 'Overseas trip', mn: 'Гадаад томилолт' });
  });
});
