import { createHash } from 'node:crypto';

/**
 * The proposal id a create request owns: a hash of its natural key (the person and their request id), shaped as a
 * version-4 UUID because routes accept only v4 ids. Knowing the id before anything is written lets create store the
 * row and start the workflow at the same time, and a retried request lands on the same id (so on the same workflow).
 */
export function requestScopedId(naturalKey: string): string {
  const b = createHash('sha256').update(`accord:proposal-id:${naturalKey}`).digest().subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x40; // version 4
  b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
