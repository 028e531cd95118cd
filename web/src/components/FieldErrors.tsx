import { ApiFailure } from '../api';
import { language } from '../i18n';
import { useSignal } from '../state';
import type { FieldProblem } from '../types';

/** The field problems of a refused request (400 `details`), or an empty list for any other failure. */
export function fieldProblems(err: unknown): FieldProblem[] {
  if (!(err instanceof ApiFailure) || err.status !== 400 || !Array.isArray(err.body?.details)) return [];
  return (err.body!.details as unknown[]).filter((d): d is FieldProblem => !!d && typeof (d as FieldProblem).field === 'string' && typeof (d as FieldProblem).reason === 'string');
}

/** A problem's reason in the reader's language (the trip rules give both; plain input checks give English). */
export function problemText(p: FieldProblem): string {
  return (language.get() === 'mn' ? p.reasonMn : undefined) ?? p.reason;
}

/** The id of a field's error text, for `aria-describedby`. */
export const errorId = (field: string) => `error-${field.replace(/[^A-Za-z0-9_-]+/g, '-')}`;

/** The reasons a field was refused, right under it; announced to screen readers through the field's aria-describedby. */
export function FieldError(props: { field: string; messages: string[] }) {
  useSignal(language);
  if (!props.messages.length) return null;
  return (
    <p class="field-error" id={errorId(props.field)} data-testid={errorId(props.field)}>
      {props.messages.join(' ')}
    </p>
  );
}

/** Props that mark an input invalid and tie it to its error text. */
export function invalidProps(field: string, messages: string[]): Record<string, string | undefined> {
  return messages.length ? { 'aria-invalid': 'true', 'aria-describedby': errorId(field) } : { 'aria-invalid': undefined, 'aria-describedby': undefined };
}
