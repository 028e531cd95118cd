import { ACCESSION_DEFINITIONS } from '../accession';
import { TRIP_DEFINITIONS } from '../trips/trip-definition.v1';
import { Bilingual, ProcessDefinition, TERMINAL_STAGES } from './process-definition';

/** Names of the stages every kind ends in; they have no definition of their own. */
export const TERMINAL_STAGE_NAMES: Record<(typeof TERMINAL_STAGES)[number], Bilingual> = {
  COMPLETED: { en: 'Completed', mn: 'Дууссан' },
  REJECTED: { en: 'Rejected', mn: 'Татгалзсан' },
  WITHDRAWN: { en: 'Withdrawn', mn: 'Буцаан татсан' },
};

/** Terminal stages only some kinds reach (trips). */
const OTHER_TERMINAL_NAMES: Record<string, Bilingual> = {
  CANCELLED: { en: 'Cancelled', mn: 'Цуцалсан' },
  EXPIRED: { en: 'Expired', mn: 'Хугацаа дууссан' },
  CLOSED: { en: 'Closed', mn: 'Хаагдсан' },
};

/** Every stage-definition version by kind, newest last; trips join here when they exist. */
export const DEFINITIONS_BY_KIND: Record<string, ProcessDefinition[]> = {
  accession: Object.values(ACCESSION_DEFINITIONS),
  trip: Object.values(TRIP_DEFINITIONS),
};

/** The kinds' names for people. */
export const KIND_NAMES: Record<string, Bilingual> = {
  accession: { en: 'Accession to a convention', mn: 'Конвенцид нэгдэн орох' },
  trip: { en: 'Overseas trip', mn: 'Гадаад томилолт' },
};

/**
 * A stage's name in both languages, from whichever definition version knows it (a stage dropped in a later version
 * keeps its name); an unknown code is shown as itself rather than failing a page or an email.
 */
export function stageLabel(kind: string, code: string): Bilingual {
  if (code in TERMINAL_STAGE_NAMES) return TERMINAL_STAGE_NAMES[code as keyof typeof TERMINAL_STAGE_NAMES];
  if (code in OTHER_TERMINAL_NAMES) return OTHER_TERMINAL_NAMES[code];
  for (const def of [...(DEFINITIONS_BY_KIND[kind] ?? [])].reverse()) {
    const stage = def.stages.find((s) => s.code === code);
    if (stage) return stage.name;
  }
  return { en: code, mn: code };
}

/** The stages of a kind in process order (current definition), then the terminal ones. */
export function stageOrder(kind: string): string[] {
  const defs = DEFINITIONS_BY_KIND[kind] ?? [];
  const current = defs[defs.length - 1];
  if (!current) return [...TERMINAL_STAGES];
  const ends = [current.completedStage, 'REJECTED', 'WITHDRAWN', ...(current.cancelIn?.length ? ['CANCELLED'] : []), ...(current.expireIn?.length ? ['EXPIRED'] : [])];
  return [...current.stages.map((s) => s.code), ...ends];
}

export function kindLabel(kind: string): Bilingual {
  return KIND_NAMES[kind] ?? { en: kind, mn: kind };
}
