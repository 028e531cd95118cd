/** A recipient: an address and, for the greeting and the To header, a display name. */
export interface MailRecipient {
  address: string;
  name?: string;
}

// Deliberately strict: one plain address, no display name, no comments, no list. Hosts may be single labels
// (`localhost`) so development inboxes work.
const ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

export function isValidMailAddress(address: unknown): address is string {
  return typeof address === 'string' && address.length <= 254 && ADDRESS.test(address) && !address.includes('..');
}

export function toRecipient(to: string | MailRecipient): MailRecipient {
  if (typeof to === 'string') return { address: to.trim() };
  return { address: String(to?.address ?? '').trim(), name: typeof to?.name === 'string' ? to.name.trim() || undefined : undefined };
}
