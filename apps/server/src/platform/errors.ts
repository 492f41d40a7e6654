/**
 * The one application error. Services throw AppError with a code; the HTTP error handler maps it
 * to problem+json (RFC 9457) in the request's language. Services never throw HTTP errors.
 */
import { ERROR_STATUS, type ErrorCode } from '@jinglin/shared';

export interface FieldError {
  path: string;
  code: string;
  message?: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    code: ErrorCode,
    opts: { detail?: string; fields?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(opts.detail ?? code);
    this.name = 'AppError';
    this.code = code;
    this.fields = opts.fields;
    this.headers = opts.headers;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = () => new AppError('not_found');
export const invalid = (path: string, code: string, message?: string) =>
  new AppError('validation_failed', { fields: [{ path, code, ...(message ? { message } : {}) }] });
