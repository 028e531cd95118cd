import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../../../libs/config';

const NONCE = /^[A-Za-z0-9_-]{22}$/;

/**
 * CSRF protection for the confirmation form: the GET sets a random nonce in an httpOnly, SameSite=Strict cookie
 * scoped to the link's path, and the form carries HMAC(key, tokenHash + nonce). A POST must bring both, so a
 * page elsewhere can neither read nor forge the pair, and a form is bound to its own link.
 */
@Injectable()
export class ActionCsrfService {
  private readonly logger = new Logger(ActionCsrfService.name);
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (config.actionLinks.csrfSecret) {
      this.key = Buffer.from(config.actionLinks.csrfSecret, 'utf8');
    } else {
      // Fine for one process; with several, a form opened on one and posted to another would be refused.
      this.key = randomBytes(32);
      if (config.env === 'production') this.logger.warn('ACTION_CSRF_SECRET (or JWT_SECRET) is not set: confirmation forms only work on the process that served them');
    }
  }

  newNonce(): string {
    return randomBytes(16).toString('base64url');
  }

  isNonce(value: unknown): value is string {
    return typeof value === 'string' && NONCE.test(value);
  }

  formToken(tokenHash: string, nonce: string): string {
    return createHmac('sha256', this.key).update(`${tokenHash}.${nonce}`).digest('base64url');
  }

  verify(tokenHash: string, nonce: unknown, formToken: unknown): boolean {
    if (!this.isNonce(nonce) || typeof formToken !== 'string') return false;
    const expected = Buffer.from(this.formToken(tokenHash, nonce));
    const given = Buffer.from(formToken);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
