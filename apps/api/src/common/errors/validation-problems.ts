import { ValidationError } from 'class-validator';
import { FieldProblem } from './api-error';

/** Flattens class-validator's tree into `{ field: 'a.b[0].c', reason }` rows. */
export function toFieldProblems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const e of errors) {
    const field = prefix ? (/^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : `${prefix}.${e.property}`) : e.property;
    for (const reason of Object.values(e.constraints ?? {})) out.push({ field, reason });
    if (e.children?.length) out.push(...toFieldProblems(e.children, field));
  }
  return out;
}
