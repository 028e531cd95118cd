import { MAX_PASSWORD_LENGTH } from './password-hasher';

/** Reasons a new password is refused, as field problems (empty when it is acceptable). */
export function passwordProblems(password: string, ctx: { minLength: number; email?: string; previous?: string }): string[] {
  const problems: string[] = [];
  if (password.length < ctx.minLength) problems.push(`must be at least ${ctx.minLength} characters`);
  if (password.length > MAX_PASSWORD_LENGTH) problems.push(`must be at most ${MAX_PASSWORD_LENGTH} characters`);
  if (new Set(password).size < 4) problems.push('must not repeat the same few characters');
  const local = ctx.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && password.toLowerCase().includes(local)) problems.push('must not contain your email name');
  if (ctx.previous !== undefined && password === ctx.previous) problems.push('must differ from the current password');
  return problems;
}
