import { ACCESSION_DEFINITIONS } from '../accession';
import { TRIP_DEFINITIONS } from '../trips/trip-definition.v1';
import { AGREEMENT_DEFINITIONS } from '../agreements/agreement-definition.v1';
import { Bilingual, OTHER_TERMINAL_STAGES, ProcessDefinition, TERMINAL_STAGES } from './process-definition';

type TerminalStage = (typeof TERMINAL_STAGES)[number] | (typeof OTHER_TERMINAL_STAGES)[number];

/** Names of the stages a process ends in; they have no stage definition of their own. */
export const TERMINAL_STAGE_NAMES: Record<TerminalStage, Bilingual> = {
  COMPLETED: { en: 'Completed', mn: 'Дууссан' },
  REJECTED: { en: 'Rejected', mn: 'Татгалзсан' },
  WITHDRAWN: { en: 'Withdrawn', mn: 'Буцаан татсан' },
  CANCELLED: { en: 'Cancelled', mn: 'Цуцалсан' },
  EXPIRED: { en: 'Expired', mn: 'Хугацаа дууссан' },
  CLOSED: { en: 'Closed', mn: 'Хаагдсан' },
  TERMINATED: { en: 'Terminated', mn: 'Цуцлагдсан' },
};

/** Every stage-definition version by kind, oldest first. */
export const DEFINITIONS_BY_KIND: Record<string, ProcessDefinition[]> = {
  accession: Object.values(ACCESSION_DEFINITIONS),
  trip: Object.values(TRIP_DEFINITIONS),
  agreement: Object.values(AGREEMENT_DEFINITIONS),
};

/** The kinds' names for people. */
export const KIND_NAMES: Record<string, Bilingual> = {
  accession: { en: 'Accession to a convention', mn: 'Конвенцид нэгдэн орох' },
  trip: { en: 'Overseas trip', mn: 'Гадаад томилолт' },
  agreement: { en: 'Bilateral agreement or MoU', mn: 'Хоёр талын хэлэлцээр, санамж бичиг' },
};

/** The definition a proposal runs on (its pinned version), or the kind's newest when the version is unknown. */
export function definitionFor(kind: string, version?: string): ProcessDefinition | undefined {
  const defs = DEFINITIONS_BY_KIND[kind] ?? [];
  return defs.find((d) => d.version === version) ?? defs[defs.length - 1];
}

/**
 * A stage's name in both languages, from whichever definition version knows it (a stage dropped in a later version
 * keeps its name); an unknown code is shown as itself rather than failing a page or an email.
 */
export function stageLabel(kind: string, code: string): Bilingual {
  if (code in TERMINAL_STAGE_NAMES) return TERMINAL_STAGE_NAMES[code as TerminalStage];
  for (const def of [...(DEFINITIONS_BY_KIND[kind] ?? [])].reverse()) {
    const stage = def.stages.find((s) => s.code === code);
    if (stage) return stage.name;
  }
  return { en: code, mn: code };
}

/** The stages a kind can end in: its completion, then rejection and withdrawal, then cancellation and expiry if it has them. */
export function terminalStages(kind: string): string[] {
  const def = definitionFor(kind);
  const ends = [def?.completedStage ?? 'COMPLETED', 'REJECTED', 'WITHDRAWN'];
  if (def?.cancelIn?.length) ends.push('CANCELLED');
  if (def?.expireIn?.length) ends.push('EXPIRED');
  ends.push(...(def?.otherEnds ?? []));
  return [...new Set(ends)];
}

/** The stages of a kind in process order (current definition), then the ones it can end in. */
export function stageOrder(kind: string): string[] {
  const def = definitionFor(kind);
  if (!def) return [...TERMINAL_STAGES];
  return [...def.stages.map((s) => s.code), ...terminalStages(kind)];
}

export function kindLabel(kind: string): Bilingual {
  return KIND_NAMES[kind] ?? { en: kind, mn: kind };
}
