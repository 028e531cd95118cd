import type { Bilingual } from '../process/process-definition';
import type { ConventionCatalogue, ConventionCode, ConventionDefinition } from './convention-definition';
import { CONVENTIONS_V1 } from './conventions.v1';

export function conventionDefinition(code: ConventionCode, catalogue: ConventionCatalogue = CONVENTIONS_V1): ConventionDefinition {
  const found = catalogue.conventions.find((c) => c.code === code);
  if (!found) throw new Error(`convention ${code} is not in catalogue ${catalogue.version}`);
  return found;
}

export interface AnnexSelectionProblem {
  field: 'annexes';
  reason: 'unknown_annex' | 'too_few_optional_annexes';
  annex?: string;
  message: Bilingual;
}

/**
 * Checks the annexes an accession proposes to accept. Mandatory annexes are accepted with the Convention, so they
 * may be listed or left out; listing an annex the Convention does not have is an error.
 */
export function checkAnnexSelection(convention: ConventionDefinition, accepted: readonly string[]): AnnexSelectionProblem[] {
  const problems: AnnexSelectionProblem[] = [];
  const known = new Set(convention.annexes.map((a) => a.code));
  for (const code of new Set(accepted)) {
    if (!known.has(code)) {
      problems.push({
        field: 'annexes',
        reason: 'unknown_annex',
        annex: code,
        message: { en: `${convention.shortName.en} has no annex ${code}.`, mn: `${convention.shortName.mn}: ${code} гэсэн хавсралт байхгүй.` },
      });
    }
  }
  const optionalAccepted = convention.annexes.filter((a) => !a.mandatory && accepted.includes(a.code)).length;
  if (optionalAccepted < convention.minimumOptionalAnnexes) {
    const n = convention.minimumOptionalAnnexes;
    problems.push({
      field: 'annexes',
      reason: 'too_few_optional_annexes',
      message: {
        en: `${convention.shortName.en} requires accepting at least ${n} annex(es) besides the mandatory one(s).`,
        mn: `${convention.shortName.mn}: заавал хүлээн зөвшөөрөх хавсралтаас гадна дор хаяж ${n} хавсралтыг хүлээн зөвшөөрнө.`,
      },
    });
  }
  return problems;
}

/** Every annex that will bind the party: the mandatory ones plus those accepted, in the Convention's order. */
export function bindingAnnexes(convention: ConventionDefinition, accepted: readonly string[]): string[] {
  return convention.annexes.filter((a) => a.mandatory || accepted.includes(a.code)).map((a) => a.code);
}
