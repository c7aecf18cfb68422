import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorResponseBody } from '@newsroom/contracts';

/** What Node's HTTP parser reports on a request it could not read (`llhttp`'s `HPE_…` codes and the server's timeouts). */
type ClientError = Error & { code?: string };

interface ParserRefusal {
  status: number;
  reason: string;
  error: ErrorResponseBody['error'];
}

/** The refusals that are not malformed HTTP, by the parser's or the server's error code. */
const REFUSALS: Record<string, ParserRefusal> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: 'Request Header Fields Too Large',
    error: { code: 'REQUEST.HEADERS_TOO_LARGE', message: "The request's headers are larger than the server reads (16 KB in all)" },
  },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: { status: 413, reason: 'Payload Too Large', error: { code: 'REQUEST.TOO_LARGE', message: "The request's chunk extensions are too large" } },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, reason: 'Request Timeout', error: { code: 'REQUEST.TIMEOUT', message: 'The request was not sent in full in time' } },
};

/** The status and coded error for one parser failure; anything not in REFUSALS is malformed HTTP (400). */
function refusalOf(code: string | undefined): ParserRefusal {
  const known = code === undefined ? undefined : REFUSALS[code];
  if (known) return known;
  const detail = code?.startsWith('HPE_') ? ` (${code})` : '';
  return { status: 400, reason: 'Bad Request', error: { code: 'REQUEST.MALFORMED', message: `The request is not well-formed HTTP/1.1${detail}` } };
}

/**
 * Answers requests that Node's HTTP parser refuses before any route sees them: headers over 16 KB
 * (431), a broken request line, header or framing (400, e.g. both Content-Length and chunked), a
 * request not sent in time (408). Node's own answer to these has the status and an empty body;
 * this one carries the newsroom's coded JSON error like every other refusal
 * (`{ "error": { "code": "REQUEST.MALFORMED", … } }`) and closes the connection, as Node does,
 * because the stream can no longer be framed. A socket already written to, or gone, is only closed.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: ClientError, socket: Duplex) => {
    // A reset or a closed peer: nothing to answer. Nor when an answer to an earlier request on
    // this connection has begun (Node's own rule, read from the same field): bytes written after
    // its headers would corrupt it.
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const { status, reason, error: body } = refusalOf(error.code);
    const json = JSON.stringify({ error: body } satisfies ErrorResponseBody);
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(json)}\r\n` +
        'X-Content-Type-Options: nosniff\r\n' +
        'Cache-Control: no-store\r\n' +
        'Connection: close\r\n\r\n' +
        json,
    );
  });
}
