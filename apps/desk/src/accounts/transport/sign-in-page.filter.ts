import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { html, htmlDocument } from '@newsroom/html';
import { errorResponseOf, recogniseError, retryAfterSecondsOf } from '@newsroom/platform';

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

/** The status, code and message of the coded JSON error (errorResponseOf), so the page and the JSON never disagree; a failure of ours in words for a person. */
function describe(exception: unknown): { status: number; code: string; message: string } {
  const { status, body } = errorResponseOf(exception);
  const message = status === 500 ? 'Something went wrong on our side. Please try again in a moment.' : body.error.message;
  return { status, code: body.error.code, message };
}
