import { IsoDate } from '../calendar/iso-date';
import { CONVENTIONS_V1 } from '../conventions/conventions.v1';
import { entryIntoForceDate } from '../conventions/entry-into-force';

/**
 * Entry into force of the convention a proposal accedes to (its `conventionCode` field), from the convention's own
 * rule in the catalogue. Null when the convention is not catalogued, so the proposal waits for a manual date.
 */
export function entryIntoForceFromFields(fields: Record<string, string>, depositDate: string): string | null {
  const convention = CONVENTIONS_V1.conventions.find((c) => c.code === fields.conventionCode);
  if (!convention) return null;
  return entryIntoForceDate(convention.entryIntoForce, depositDate as IsoDate);
}
