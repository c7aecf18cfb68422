import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { answerClientErrors } from './client-errors';

/** Sends `raw` bytes on a new connection and resolves with everything the server wrote before closing. */
function exchange(port: number, raw: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(raw));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

/** The status, headers (lower-cased names) and JSON body of a raw HTTP/1.1 answer. */
function parse(answer: string): { status: number; headers: Record<string, string>; body: unknown } {
  const [head, ...rest] = answer.split('\r\n\r\n');
  const [statusLine, ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine.split(' ')[1]), headers, body: JSON.parse(rest.join('\r\n\r\n')) };
}

describe("answerClientErrors: the parser's refusals carry a coded JSON error", () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    // Answers once the body is in, as the services do (their parsers read it before any route).
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => response.end('served'));
    });
    answerClientErrors(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('answers headers over 16 KB with 431 REQUEST.HEADERS_TOO_LARGE', async () => {
    const answer = parse(await exchange(port, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`));
    expect(answer.status).toBe(431);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.headers.connection).toBe('close');
    expect(answer.body).toEqual({ error: { code: 'REQUEST.HEADERS_TOO_LARGE', message: expect.stringContaining('16 KB') } });
  });

  it.each([
    ['a request line that is not HTTP', 'HELLO THERE\r\n\r\n', 'HPE_INVALID_METHOD'],
    ['a header without a colon', 'GET / HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n', 'HPE_INVALID_HEADER_TOKEN'],
    ['both Content-Length and chunked framing', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', 'HPE_'],
    ['a chunk size that is not hexadecimal', 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n', 'HPE_INVALID_CHUNK_SIZE'],
    ['a Content-Length that is not a number', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n', 'HPE_'],
  ])('answers %s with 400 REQUEST.MALFORMED', async (_name, raw, parserCode) => {
    const answer = parse(await exchange(port, raw));
    expect(answer.status).toBe(400);
    expect(answer.headers['content-length']).toBe(String(Buffer.byteLength(JSON.stringify(answer.body))));
    expect(answer.body).toEqual({ error: { code: 'REQUEST.MALFORMED', message: expect.stringContaining(parserCode) } });
  });

  it('still serves well-formed requests on the same server', async () => {
    const answer = await exchange(port, 'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(answer.endsWith('served')).toBe(true);
  });

  it('answers a malformed request that follows a served one on a kept-alive connection', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
      let received = '';
      socket.on('data', (chunk: Buffer) => {
        received += chunk.toString('utf8');
        // The first answer is in: the connection stays open, and the next request is broken.
        if (received.endsWith('served') && !received.includes('REQUEST.')) socket.write('BROKEN\r\n\r\n');
      });
      socket.on('error', reject);
      socket.on('close', () => resolve(received));
    });
    const [first, second] = answer.split(/(?=HTTP\/1\.1 \d{3} )/);
    expect(first).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(parse(second).status).toBe(400);
  });
});

describe('answerClientErrors: a request not sent in time', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    // Node's own timeouts, made short: the headers must be in within 200 ms, checked every 50 ms.
    server = createServer({ headersTimeout: 200, requestTimeout: 300, connectionsCheckingInterval: 50 }, (_request, response) => response.end('served'));
    answerClientErrors(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('answers headers that stop halfway with 408 REQUEST.TIMEOUT', async () => {
    const answer = parse(await exchange(port, 'GET / HTTP/1.1\r\nHost: x\r\nX-Slow: '));
    expect(answer.status).toBe(408);
    expect(answer.body).toEqual({ error: { code: 'REQUEST.TIMEOUT', message: 'The request was not sent in full in time' } });
  });
});
