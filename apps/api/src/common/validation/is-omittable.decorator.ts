import { ValidateIf } from 'class-validator';

/**
 * A body field that may be left out but, when present, must pass its other validators.
 * class-validator's `@IsOptional()` also lets `null` through, which then reaches services and
 * NOT NULL columns as if it were a value; a field that may really be cleared with `null`
 * says so with its own `@ValidateIf` instead.
 */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}
