import { BadRequestException, HttpException, HttpStatus, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { catchError, type Observable } from 'rxjs';
import { formatOfContentType, IMAGE_LIMITS, type ImageFormat } from '../domain/image-formats';
import { emptyImage, imageTooLarge, multipartInvalid, unsupportedImageType } from '../domain/image.errors';

/** The multipart form an upload may come in: one file in the field `file`, nothing else. */
export const UPLOAD_FORM = { field: 'file', limits: { fileSize: IMAGE_LIMITS.maxBytes, files: 1, fields: 0, parts: 1 } } as const;

/** A file part as Nest's FileInterceptor (multer, in memory) hands it over. */
export interface UploadedPart {
  buffer: Buffer;
  mimetype: string;
}

/** The upload's bytes and the format it was declared as (none for a form part of a generic type). */
export interface UploadBody {
  bytes: Buffer;
  declared?: ImageFormat;
}

/**
 * The form parser's refusals as the upload's own coded errors: over the size limit is
 * IMAGE.TOO_LARGE (413), anything else wrong with the form IMAGE.FORM_INVALID (400). Bound
 * before FileInterceptor, so it sees what that throws.
 */
export class UploadFormErrors implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (error instanceof HttpException && error.getStatus() === HttpStatus.PAYLOAD_TOO_LARGE) throw imageTooLarge();
        if (error instanceof BadRequestException) throw multipartInvalid(formProblem(error.message));
        throw error;
      }),
    );
  }
}

/**
 * The form parser's refusals (multer's and busboy's messages, as Nest's multer adapter words
 * them: `Unexpected file field - picture`, `Multipart: Unexpected end of form`) in the words of
 * this upload, which takes exactly one part, the file in the field `file`. Busboy reads a file
 * part cut off inside its headers as a text field, so "Too many fields" also says that.
 */
const FORM_PROBLEMS: readonly [RegExp, (field: string | undefined) => string][] = [
  [/^Too many (parts|files)\b/, () => 'the form has more than one part; send the image alone'],
  [/^Too many fields\b/, () => 'the form has a text field, or a part cut off before its headers ended; only the file may be sent'],
  [/^Unexpected file field\b/, (field) => (field ? `the file came in the field "${field}", not "file"` : 'the file came in another field than "file"')],
  [/^Field name missing\b/, () => 'a part of the form has no field name'],
  [/^Field name too long\b/, () => 'a part of the form has a field name too long to be "file"'],
  [/Boundary not found/, () => 'its Content-Type names no boundary (multipart/form-data; boundary=…)'],
  [/Malformed part header/, () => 'the headers of a part are malformed'],
  [/Unexpected end of (form|file)/, () => 'the form ends before its closing boundary: the upload was cut off'],
];

function formProblem(message: string): string {
  const field = / - (.+)$/.exec(message)?.[1];
  const known = FORM_PROBLEMS.find(([pattern]) => pattern.test(message));
  return known ? known[1](field) : message;
}

/** Form parts of these types are told apart by their bytes (a browser may not know `.avif`). */
const GENERIC_TYPES = ['application/octet-stream', ''];

/**
 * The upload in either shape: a multipart form's `file` part (already read by FileInterceptor)
 * or the raw body with the image's own Content-Type, read here up to IMAGE_LIMITS.maxBytes.
 * IMAGE.UNSUPPORTED_TYPE (415) for any other content type, IMAGE.TOO_LARGE (413) over the
 * limit (at once when Content-Length says so), IMAGE.EMPTY (400) without bytes.
 */
export async function readUploadBody(request: Request, part: UploadedPart | undefined): Promise<UploadBody> {
  if (request.is('multipart/form-data')) {
    if (!part) throw multipartInvalid('the form has no "file" field');
    const declared = formatOfContentType(part.mimetype);
    if (!declared && !GENERIC_TYPES.includes(part.mimetype.toLowerCase())) throw unsupportedImageType(part.mimetype);
    return { bytes: part.buffer, ...(declared ? { declared } : {}) };
  }
  const declared = formatOfContentType(request.headers['content-type']);
  if (!declared) throw unsupportedImageType(request.headers['content-type']);
  if (Number(request.headers['content-length'] ?? 0) > IMAGE_LIMITS.maxBytes) throw imageTooLarge();
  const bytes = await readAtMost(request, IMAGE_LIMITS.maxBytes);
  if (bytes.length === 0) throw emptyImage();
  return { bytes, declared };
}

/**
 * The request's body, refused as soon as it passes `limit` bytes. The rest is drained, not
 * kept, and the connection closes after the answer, so the client can read its 413.
 */
function readAtMost(request: Request, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const onData = (chunk: Buffer) => {
      length += chunk.length;
      if (length <= limit) return void chunks.push(chunk);
      request.off('data', onData).off('end', onEnd);
      request.res?.setHeader('Connection', 'close');
      request.resume();
      reject(imageTooLarge());
    };
    const onEnd = () => resolve(Buffer.concat(chunks, length));
    request.on('data', onData).on('end', onEnd).once('error', reject);
  });
}
