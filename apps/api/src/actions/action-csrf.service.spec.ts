import { loadConfig } from '../../../../libs/config';
import { ActionCsrfService } from './action-csrf.service';

describe('ActionCsrfService', () => {
  const withSecret = (secret?: string) => new ActionCsrfService(loadConfig(secret ? { ACTION_CSRF_SECRET: secret } : {}));
  const hash = 'a'.repeat(64);

  it('accepts the form token made for this link and nonce only', () => {
    const csrf = withSecret('s'.repeat(40));
    const nonce = csrf.newNonce();
    const token = csrf.formToken(hash, nonce);
    expect(csrf.verify(hash, nonce, token)).toBe(true);
    expect(csrf.verify('b'.repeat(64), nonce, token)).toBe(false); // another link
    expect(csrf.verify(hash, csrf.newNonce(), token)).toBe(false); // another browser's cookie
    expect(csrf.verify(hash, undefined, token)).toBe(false);
    expect(csrf.verify(hash, nonce, undefined)).toBe(false);
    expect(csrf.verify(hash, nonce, `${token}x`)).toBe(false);
    expect(csrf.verify(hash, 'not a nonce', token)).toBe(false);
  });

  it('agrees across processes sharing a secret, and not otherwise', () => {
    const a = withSecret('s'.repeat(40));
    const nonce = a.newNonce();
    expect(withSecret('s'.repeat(40)).verify(hash, nonce, a.formToken(hash, nonce))).toBe(true);
    expect(withSecret('t'.repeat(40)).verify(hash, nonce, a.formToken(hash, nonce))).toBe(false);
    expect(withSecret().verify(hash, nonce, withSecret().formToken(hash, nonce))).toBe(false); // random key per process
  });
});
