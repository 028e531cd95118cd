import { HttpException, HttpStatus } from '@nestjs/common';
import { ErrorCode } from './error-messages';

export interface FieldProblem {
  field: string;
  reason: string;
}

/** An error the API means to show: a status, a stable code, an optional English detail and field problems. */
export class ApiError extends HttpException {
  constructor(
    status: HttpStatus,
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly details?: FieldProblem[] | Record<string, unknown>,
  ) {
    super(detail ?? code, status);
  }

  static notFound(what: string): ApiError {
    return new ApiError(HttpStatus.NOT_FOUND, 'not_found', `${what} not found`);
  }

  static conflict(detail: string, details?: Record<string, unknown>): ApiError {
    return new ApiError(HttpStatus.CONFLICT, 'conflict', detail, details);
  }

  static validation(problems: FieldProblem[]): ApiError {
    return new ApiError(HttpStatus.BAD_REQUEST, 'validation_failed', problems.map((p) => `${p.field}: ${p.reason}`).join('; '), problems);
  }
}
