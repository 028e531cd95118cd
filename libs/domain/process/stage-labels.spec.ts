import { ACCESSION_V1 } from '../accession';
import { kindLabel, stageLabel, stageOrder } from './stage-labels';

describe('stage labels', () => {
  it('names every accession stage from its definition, in process order, then the terminal stages', () => {
    expect(stageOrder('accession')).toEqual([...ACCESSION_V1.stages.map((s) => s.code), 'COMPLETED', 'REJECTED', 'WITHDRAWN']);
    for (const s of ACCESSION_V1.stages) expect(stageLabel('accession', s.code)).toEqual(s.name);
    expect(stageLabel('accession', 'REJECTED')).toEqual({ en: 'Rejected', mn: 'Татгалзсан' });
  });

  it('shows an unknown stage or kind as its code instead of failing', () => {
    expect(stageLabel('accession', 'SOMETHING_NEW')).toEqual({ en: 'SOMETHING_NEW', mn: 'SOMETHING_NEW' });
    expect(stageLabel('trip', 'DRAFT')).toEqual({ en: 'DRAFT', mn: 'DRAFT' });
    expect(stageOrder('trip')).toEqual(['COMPLETED', 'REJECTED', 'WITHDRAWN']);
    expect(kindLabel('accession').en).toBe('Accession to a convention');
    expect(kindLabel('trip')).toEqual({ en: 'trip', mn: 'trip' });
  });
});
