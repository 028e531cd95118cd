import { createHash } from 'node:crypto';

/** The domain part of the configured From address (`Accord <accord@customs.gov.mn>` -> customs.gov.mn). */
export function senderDomain(from: string): string {
  const m = from.match(/@([A-Za-z0-9.-]+)>?\s*$/);
  return m ? m[1].toLowerCase() : 'accord.localhost';
}

/**
 * A Message-ID derived from the idempotency key: every attempt at the same message carries the same id, so if a
 * crash after the server accepted a message causes one resend, the copy is recognisable (and many mail systems
 * drop a second message with an id they have already delivered).
 */
export function deterministicMessageId(idempotencyKey: string, from: string): string {
  const digest = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40);
  return `<${digest}.accord@${senderDomain(from)}>`;
}
