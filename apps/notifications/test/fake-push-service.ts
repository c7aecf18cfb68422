import type { ECDH } from 'node:crypto';
import { Agent, createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate as generateCertificate } from 'selfsigned';
import type { BrowserKeys } from './fixtures';

// http_ece ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ece = require('http_ece') as { decrypt(body: Buffer, params: { version: 'aes128gcm'; privateKey: ECDH; authSecret: Buffer }): Buffer };

export interface ReceivedPush {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * A push service for the service under test, on HTTPS with a throwaway
 * certificate (trusted through `agent`). It accepts every push with 201,
 * except on paths under /gone/, which answer 410 like a browser that unsubscribed.
 */
export class FakePushService {
  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
    readonly agent: Agent,
    /** Every push received, in order. */
    readonly pushes: ReceivedPush[],
  ) {}

  static async start(): Promise<FakePushService> {
    const certificate = await generateCertificate([{ name: 'commonName', value: '127.0.0.1' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: true },
        { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
      ],
    });
    const pushes: ReceivedPush[] = [];
    const server = createServer({ key: certificate.private, cert: certificate.cert }, (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        pushes.push({ path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks) });
        response.writeHead(request.url?.startsWith('/gone/') ? 410 : 201).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new FakePushService(server, `https://127.0.0.1:${(server.address() as AddressInfo).port}`, new Agent({ ca: certificate.cert }), pushes);
  }

  pushesTo(path: string): ReceivedPush[] {
    return this.pushes.filter((push) => push.path === path);
  }

  async stop(): Promise<void> {
    this.agent.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** What the browser holding `keys` reads from an encrypted (aes128gcm) push. */
export function decryptPush(push: ReceivedPush, keys: BrowserKeys): unknown {
  return JSON.parse(ece.decrypt(push.body, { version: 'aes128gcm', privateKey: keys.ecdh, authSecret: keys.auth }).toString('utf8'));
}
