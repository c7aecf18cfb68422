/**
 * The page workload's raw ceiling: a bare Node http server, in its own process like the
 * service, answering every request with the same status, headers and bytes the service sent
 * (304 with the same headers when If-None-Match matches). Started with fork(); receives
 * { status, headers, body } and answers { port }.
 */
import { createServer } from 'node:http';

process.once('message', (page: { headers: Record<string, string>; body: string }) => {
  const body = Buffer.from(page.body);
  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(page.headers)) res.setHeader(name, value);
    if (req.headers['if-none-match'] === page.headers.etag) {
      res.statusCode = 304;
      res.end();
      return;
    }
    res.setHeader('content-length', body.length);
    res.end(body);
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
  });
});
