import * as argon2 from 'argon2';

/**
 * argon2id with OWASP's minimum profile (19 MiB, 2 passes, 1 lane): about 30 ms per check here, slow enough for
 * guessing to cost, fast enough for sign-in. Raising the numbers upgrades stored hashes at the next sign-in.
 */
export const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Longest password accepted; hashing a megabyte-long "password" should not be free denial of service. */
export const MAX_PASSWORD_LENGTH = 256;

export class PasswordHasher {
  private dummyHash?: Promise<string>;

  hash(password: string): Promise<string> {
    return argon2.hash(password, ARGON2_OPTIONS);
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      // A malformed stored hash verifies nothing.
      return false;
    }
  }

  needsRehash(hash: string): boolean {
    try {
      return argon2.needsRehash(hash, ARGON2_OPTIONS);
    } catch {
      return true;
    }
  }

  /** Spends the time of one verification, so an unknown email answers as slowly as a wrong password. */
  async verifyNothing(password: string): Promise<false> {
    this.dummyHash ??= argon2.hash('accord-timing-equaliser', ARGON2_OPTIONS);
    await this.verify(await this.dummyHash, password);
    return false;
  }
}
