import { ProcessDefinition } from '../process/process-definition';
import { ACCESSION_V1 } from './accession-definition.v1';

export { ACCESSION_V1 };

/** Every published version stays here for as long as a proposal may run on it. */
export const ACCESSION_DEFINITIONS: Record<string, ProcessDefinition> = {
  [ACCESSION_V1.version]: ACCESSION_V1,
};

export const CURRENT_ACCESSION_DEFINITION = ACCESSION_V1;
