import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor, PayloadTooLargeException } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { Observable } from 'rxjs';
import { ApiError } from '../common/errors/api-error';

/** The largest document a proposal accepts, and how the refusal names it. */
export const MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;
export const MAX_DOCUMENT_SIZE_TEXT = `25 MB (${MAX_DOCUMENT_BYTES} bytes)`;

/**
 * Reads the one `file` part of a document upload (multer, in memory, at most MAX_DOCUMENT_BYTES). A larger file is
 * refused while it is still arriving, before the route runs, so nothing is stored: a 413 that names the field and
 * the limit instead of multer's bare "File too large".
 */
@Injectable()
export class DocumentUploadInterceptor implements NestInterceptor {
  private readonly multer = new (FileInterceptor('file', { limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1 } }))();

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await this.multer.intercept(context, next);
    } catch (err) {
      if (err instanceof PayloadTooLargeException) {
        const reason = `must be at most ${MAX_DOCUMENT_SIZE_TEXT}`;
        throw new ApiError(HttpStatus.PAYLOAD_TOO_LARGE, 'payload_too_large', `file: ${reason}`, [{ field: 'file', reason }]);
      }
      throw err;
    }
  }
}
