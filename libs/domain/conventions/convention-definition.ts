import type { Bilingual } from '../process/process-definition';
import type { EntryIntoForceRule } from './entry-into-force';

/** Conventions the division works with; any other code may be catalogued too. */
export type KnownConventionCode = 'RKC' | 'ISTANBUL' | 'ATA' | 'HS';
export type ConventionCode = KnownConventionCode | (string & {});

export interface ConventionAnnex {
  code: string;
  title: Bilingual;
  /** Accepted by every Contracting Party with the Convention itself. */
  mandatory: boolean;
}

export interface ConventionDefinition {
  code: ConventionCode;
  name: Bilingual;
  shortName: Bilingual;
  depositary: Bilingual;
  annexes: readonly ConventionAnnex[];
  /** How many optional annexes an accession must accept at least (Istanbul: one besides Annex A). */
  minimumOptionalAnnexes: number;
  reservations: { allowed: boolean; scope: Bilingual };
  entryIntoForce: EntryIntoForceRule;
  /** Anything the rule above cannot say (e.g. a date the acceding party may choose). */
  notes?: Bilingual;
}

export interface ConventionCatalogue {
  version: string;
  conventions: readonly ConventionDefinition[];
}
