import { RoleName } from '../process/process-definition';

/** Roles that review proposals across the whole administration, so they may read every proposal. */
export const ORGANISATION_WIDE_READERS: readonly RoleName[] = ['leadership', 'admin', 'commissioner_general', 'deputy_commissioner', 'legal', 'finance'];

export interface Viewer {
  id: string;
  roles: RoleName[];
  division: string | null;
}

/**
 * Who may read a proposal: organisation-wide reviewers; its owner; people of the owner's division; anyone who
 * holds or held a task on it. Everything else answers 404, as if it did not exist.
 */
export function canReadProposal(viewer: Viewer, p: { ownerId: string | null; division: string | null; assigneeIds: string[] }): boolean {
  if (viewer.roles.some((r) => ORGANISATION_WIDE_READERS.includes(r))) return true;
  if (p.ownerId === viewer.id) return true;
  if (viewer.division && p.division === viewer.division) return true;
  return p.assigneeIds.includes(viewer.id);
}
