import { ladderPoints } from './reminder-ladder';

describe('ladderPoints', () => {
  it('orders reminders before the due date and escalations after it', () => {
    const day = 1000;
    const points = ladderPoints(100_000, { beforeDueDays: [1, 3], escalateAfterDays: [{ afterDays: 7, to: 'leadership' }, { afterDays: 2, to: 'supervisor' }] }, day);
    expect(points).toEqual([
      { atMs: 97_000, kind: 'reminder', n: 1 },
      { atMs: 99_000, kind: 'reminder', n: 2 },
      { atMs: 102_000, kind: 'escalation', n: 1, to: 'supervisor', overdueMs: 2000 },
      { atMs: 107_000, kind: 'escalation', n: 2, to: 'leadership', overdueMs: 7000 },
    ]);
  });

  it('is empty for an empty ladder', () => {
    expect(ladderPoints(0, { beforeDueDays: [], escalateAfterDays: [] }, 1)).toEqual([]);
  });
});
