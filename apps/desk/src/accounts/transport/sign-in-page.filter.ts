import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from '@newsroom/contracts';
import { html, htmlDocument } from '@newsroom/html';
import { recogniseError, retryAfterSecondsOf, statusOf } from '@newsroom/platform';

/** Where every refusal page sends the person back to: the web app's sign-in screen. */
const SIGN_IN_PATH = '/sign-in';

/**
 * Errors of the sign-in routes a browser follows (the redirects to and from the identity
 * provider): an HTML page with the right status, what happened in words and a link back to
 * sign-in, or the usual coded JSON for a client that asks for JSON. Never cached.
 */
@Catch()
export class SignInPageFilter implements ExceptionFilter {
  private readonly logger = new Logger(SignInPageFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const error = recogniseError(exception);
    const { status, code, message } = describe(error);
    if (status >= 500 && status !== 503) this.logger.error({ err: exception }, 'unhandled error on a sign-in page');
    const retryAfter = retryAfterSecondsOf(error);
    if (retryAfter !== undefined) response.setHeader('Retry-After', String(retryAfter));
    response.setHeader('Cache-Control', 'no-store');
    if (request.accepts(['html', 'json']) === 'json') {
      response.status(status).json({ error: { code, message } });
      return;
    }
    response.status(status).type('html').send(signInRefusedPage(status, code, message));
  }
}

/** The page: a heading for the kind of trouble, the message, the code (for a colleague helping), the way back. */
export function signInRefusedPage(status: number, code: string, message: string): string {
  const title = status === 503 ? 'The identity provider is not answering' : status === 429 ? 'Too many sign-in attempts' : 'You are not signed in';
  const body = html`<main>
<h1>${title}</h1>
<p>${message}</p>
<p><small>${status} ${code}</small></p>
<p><a href="${SIGN_IN_PATH}">Back to sign-in</a></p>
</main>`;
  return htmlDocument({ title: `${title} · Newsroom desk`, body }).toString();
}

function describe(exception: unknown): { status: number; code: string; message: string } {
  if (exception instanceof DomainError) return { status: statusOf(exception.kind), code: exception.code, message: exception.message };
  if (exception instanceof HttpException && exception.getStatus() < 500) {
    const status = exception.getStatus();
    return { status, code: status === 404 ? 'ROUTE.NOT_FOUND' : 'REQUEST.INVALID', message: exception.message };
  }
  return { status: 500, code: 'INTERNAL', message: 'Something went wrong on our side. Please try again in a moment.' };
}
