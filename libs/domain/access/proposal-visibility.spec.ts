import { canReadProposal } from './proposal-visibility';

describe('canReadProposal', () => {
  const p = { ownerId: 'o', division: 'intl', assigneeIds: ['a'] };
  it.each([
    ['owner', { id: 'o', roles: ['officer'], division: 'other' }, true],
    ['same division officer', { id: 'x', roles: ['officer'], division: 'intl' }, true],
    ['other division officer', { id: 'x', roles: ['officer'], division: 'legal-dept' }, false],
    ['officer with no division', { id: 'x', roles: ['officer'], division: null }, false],
    ['assignee from another division', { id: 'a', roles: ['division_head'], division: 'other' }, true],
    ['leadership', { id: 'l', roles: ['leadership'], division: null }, true],
    ['legal reviewer', { id: 'g', roles: ['legal'], division: 'other' }, true],
  ] as const)('%s', (_n, viewer, expected) => {
    expect(canReadProposal({ ...viewer, roles: [...viewer.roles] }, p)).toBe(expected);
  });
});
