import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ERROR_MESSAGES, ErrorCode } from './error-messages';

/** One invalid input: the field (a dotted path, `a.b[0].c`) and why. */
export class FieldProblemDto {
  @ApiProperty({ example: 'decision' }) field: string;
  @ApiProperty({ example: 'decision must be one of the following values: approve, request_changes, reject' }) reason: string;
}

/**
 * The body of every error the API returns (`ApiExceptionFilter`): `{ statusCode, error, code, message, messageMn,
 * details?, requestId? }`. `message` is the specific English reason when there is one; `messageMn` the Mongolian text
 * of the code. `details` is the list of field problems for a 400, or what the refusal is about for a 403/409
 * (`reason`, the current `stage`, what is `missing`).
 */
export class ApiErrorBodyDto {
  @ApiProperty({ example: 409 }) statusCode: number;
  @ApiProperty({ example: 'Conflict' }) error: string;
  @ApiProperty({ enum: Object.keys(ERROR_MESSAGES), example: 'conflict' }) code: ErrorCode;
  @ApiProperty({ example: 'cabinet_outcome is not allowed in stage DRAFT' }) message: string;
  @ApiProperty({ example: ERROR_MESSAGES.conflict.mn }) messageMn: string;
  @ApiPropertyOptional({
    description: 'Field problems (400), or the refusal: reason (not_allowed_now, missing_requirement, not_your_task, self_approval), stage, missing',
    oneOf: [{ type: 'array', items: { $ref: getSchemaPath(FieldProblemDto) } }, { type: 'object', additionalProperties: true }],
    example: { reason: 'not_allowed_now', stage: 'DRAFT' },
  })
  details?: FieldProblemDto[] | Record<string, unknown>;
  @ApiPropertyOptional({ description: 'The request id of the HTTP request, as logged', example: 'b0c4f6d2-2f1e-4a57-9d0c-31f1d5a1c2e7' })
  requestId?: string;
}

const REQUEST_ID_EXAMPLE = 'b0c4f6d2-2f1e-4a57-9d0c-31f1d5a1c2e7';

/** An example error body, shaped exactly as ApiExceptionFilter writes it. */
export function errorExample(statusCode: number, error: string, code: ErrorCode, message: string, details?: unknown) {
  return { statusCode, error, code, message, messageMn: ERROR_MESSAGES[code].mn, ...(details !== undefined ? { details } : {}), requestId: REQUEST_ID_EXAMPLE };
}

/** One documented error response with the shared body schema and a named example. */
export function ApiErrorResponse(status: number, description: string, example: ReturnType<typeof errorExample>) {
  return applyDecorators(
    ApiExtraModels(ApiErrorBodyDto, FieldProblemDto),
    ApiResponse({ status, description, type: ApiErrorBodyDto, examples: { [example.code]: { summary: example.message, value: example } } }),
  );
}

/** 400: invalid input, with each field and reason. */
export const ApiValidationError = (description = 'Invalid input: each field with its reason') =>
  ApiErrorResponse(400, description, errorExample(400, 'Bad request', 'validation_failed', 'requestId: requestId must be 8-128 letters, digits or . _ : -', [
    { field: 'requestId', reason: 'requestId must be 8-128 letters, digits or . _ : -' },
  ]));

/** 401: not signed in. */
export const ApiUnauthorizedError = () => ApiErrorResponse(401, 'Not signed in, or the access token has expired', errorExample(401, 'Unauthorized', 'unauthorized', ERROR_MESSAGES.unauthorized.en));

/** 403: the person may not do this (not their task, their own proposal, a role that reads only). */
export const ApiForbiddenError = (description = 'Not your task, your own proposal, or your role may not do this') =>
  ApiErrorResponse(403, description, errorExample(403, 'Forbidden', 'forbidden', 'this task is assigned to someone else', { reason: 'not_your_task', stage: 'INTERNAL_REVIEW' }));

/** 404: unknown, or not visible to the person (ids cannot be probed). */
export const ApiNotFoundError = (what = 'proposal') => ApiErrorResponse(404, `Unknown ${what}, or not visible to you`, errorExample(404, 'Not found', 'not_found', `${what} not found`));

/** 409: not allowed in the current stage (named in details.stage), something missing (details.missing), or closed. */
export const ApiStageConflictError = (description = 'Not allowed in the current stage (details.stage), something required missing (details.missing), or the proposal is closed') =>
  ApiErrorResponse(409, description, errorExample(409, 'Conflict', 'conflict', 'missing to leave DRAFT: document:convention_text', {
    reason: 'missing_requirement',
    stage: 'DRAFT',
    missing: ['document:convention_text'],
  }));

/** 503: the proposal is catching up after a burst of actions (or Temporal is briefly away); retry with the same request id. */
export const ApiBusyError = () =>
  ApiErrorResponse(503, 'The proposal is catching up after a burst of actions, or a service is briefly away: retry with the same request id', errorExample(503, 'Service unavailable', 'service_unavailable', 'the proposal is catching up after a burst of actions; try again in a few seconds'));

/** The refusals every person action on a proposal can give beyond 400/404: 403, 409 (stage named) and 503. */
export const ApiActionErrors = (conflict?: string, forbidden?: string) => applyDecorators(ApiForbiddenError(forbidden), ApiStageConflictError(conflict), ApiBusyError());
