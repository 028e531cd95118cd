import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { ApiError } from '../errors/api-error';

const MAX_DEPTH = 32;

/** The first place a NUL character (U+0000) occurs in a request value, as a field path, or null. */
export function findNulCharacter(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '(value)' : null;
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return null;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return path ? `${path}.(key)` : '(key)';
    const found = findNulCharacter(item, path ? `${path}.${key}` : key, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * PostgreSQL text cannot hold U+0000, so a string carrying one would fail in the database as a 500. No field of
 * Accord has a use for it: every body, query and path value with one is refused here, first, as a 400 that names it.
 */
@Injectable()
export class NoNulCharactersPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' && metadata.type !== 'query' && metadata.type !== 'param') return value;
    const field = findNulCharacter(value, metadata.type === 'param' ? (metadata.data ?? '') : '');
    if (field) throw ApiError.validation([{ field, reason: 'must not contain the NUL character (U+0000)' }]);
    return value;
  }
}
