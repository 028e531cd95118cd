import { passwordProblems } from './password-policy';

describe('passwordProblems', () => {
  const ctx = { minLength: 12, email: 'nomin.g@customs.example' };

  it('accepts a long, varied password', () => {
    expect(passwordProblems('Steppe-horse-Kyoto-2026', ctx)).toEqual([]);
  });

  it.each([
    ['too short', 'Short-1', /at least 12/],
    ['too long', 'x'.repeat(200) + 'abcdefghijklmnopqrstuvwxyz'.repeat(3), /at most 256/],
    ['the same few characters', 'aaaaaaaaaaaaabbb', /repeat/],
    ['contains the email name', 'my-NOMIN.G-password', /email name/],
  ])('refuses %s', (_n, pw, reason) => {
    expect(passwordProblems(pw, ctx)).toEqual(expect.arrayContaining([expect.stringMatching(reason)]));
  });

  it('refuses reusing the current password', () => {
    expect(passwordProblems('Steppe-horse-Kyoto-2026', { ...ctx, previous: 'Steppe-horse-Kyoto-2026' })).toEqual(['must differ from the current password']);
  });
});
