import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiError } from './api-error';
import { ERROR_MESSAGES, ErrorCode } from './error-messages';

const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'validation_failed',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  429: 'too_many_requests',
  503: 'service_unavailable',
};

export interface ApiErrorBody {
  statusCode: number;
  error: string;
  code: ErrorCode;
  message: string;
  messageMn: string;
  details?: unknown;
  requestId?: string;
}

/**
 * One error shape for every failure: `{ statusCode, error, code, message, messageMn, details? }`. Unknown errors
 * become a 500 with no stack, SQL or internal message; they are logged with the request id instead.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { id?: string }>();
    const body = this.toBody(exception);
    body.requestId = req.id;
    if (body.statusCode >= 500) this.logger.error({ err: exception, requestId: req.id }, 'request failed');
    if (res.headersSent) return;
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof ApiError) {
      const status = exception.getStatus();
      return this.body(status, exception.code, exception.detail, exception.details);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'validation_failed');
      const raw = exception.getResponse();
      const detail = typeof raw === 'string' ? raw : (raw as { message?: unknown }).message;
      return this.body(status, code, status >= 500 ? undefined : Array.isArray(detail) ? detail.join('; ') : (detail as string | undefined));
    }
    // body-parser errors carry a status and a type; they are the client's fault.
    const e = exception as { status?: number; type?: string };
    if (e?.type === 'entity.too.large') return this.body(413, 'payload_too_large');
    if (e?.type === 'entity.parse.failed') return this.body(400, 'validation_failed', 'body is not valid JSON');
    if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) return this.body(e.status, CODE_BY_STATUS[e.status] ?? 'validation_failed');
    return this.body(500, 'internal_error');
  }

  private body(status: number, code: ErrorCode, detail?: string, details?: unknown): ApiErrorBody {
    const text = ERROR_MESSAGES[code];
    return {
      statusCode: status,
      error: (HttpStatus[status] ?? 'ERROR').toString().replace(/_/g, ' ').toLowerCase().replace(/^\w/, (c) => c.toUpperCase()),
      code,
      message: detail && detail !== code ? detail : text.en,
      messageMn: text.mn,
      ...(details !== undefined ? { details } : {}),
    };
  }
}
