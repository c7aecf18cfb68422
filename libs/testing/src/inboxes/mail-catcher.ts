import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { HeaderLines } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { CaughtMail } from './caught-mail';
import { close, listen, urlHost } from './http';
import { handleMailPage } from './mail-pages';
import { appendBounded, Waiters } from './waiters';

export type { CaughtMail } from './caught-mail';

export interface MailCatcher {
  smtpUrl: string;
  smtpPort: number;
  /** Set when the catcher was started with `httpPort`. */
  webUrl?: string;
  messages(): CaughtMail[];
  /** Messages accepted since the catcher started, including those `messages()` no longer keeps or `clear()` forgot. */
  acceptedTotal(): number;
  waitFor(predicate: (mail: CaughtMail) => boolean, timeoutMs?: number): Promise<CaughtMail>;
  clear(): void;
  stop(): Promise<void>;
}

export interface MailCatcherOptions {
  /** 0 or omitted picks a free port. */
  smtpPort?: number;
  /** Starts the web page when given; 0 picks a free port. */
  httpPort?: number;
  host?: string;
}

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
const MAX_MESSAGES = 500;

/** A local SMTP server that keeps what it receives in memory, for tests and local development. */
export async function startMailCatcher(options: MailCatcherOptions = {}): Promise<MailCatcher> {
  const host = options.host ?? '127.0.0.1';
  const messages: CaughtMail[] = [];
  let accepted = 0;
  const waiters = new Waiters<CaughtMail>();

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    // Reverse DNS on loopback can stall each connection for seconds on some hosts.
    disableReverseLookup: true,
    logger: false,
    // Senders that keep a pooled connection open must not hold stop() for the default 30 s.
    closeTimeout: 1000,
    onData(stream, session, callback) {
      receive(stream, session).then(
        (mail) => {
          appendBounded(messages, mail, MAX_MESSAGES);
          accepted += 1;
          waiters.notify(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  // A client dropping its connection must not take the catcher down.
  smtp.on('error', () => undefined);
  const smtpPort = await listenSmtp(smtp, options.smtpPort ?? 0, host);

  let web: Server | undefined;
  let webUrl: string | undefined;
  if (options.httpPort !== undefined) {
    web = createServer((req, res) => handleMailPage(req, res, () => messages));
    webUrl = `http://${urlHost(host)}:${await listen(web, options.httpPort, host)}`;
  }

  return {
    smtpUrl: `smtp://${urlHost(host)}:${smtpPort}`,
    smtpPort,
    webUrl,
    messages: () => [...messages],
    acceptedTotal: () => accepted,
    waitFor: (predicate, timeoutMs = 10_000) => waiters.wait(() => messages, predicate, timeoutMs, 'mail'),
    clear: () => void messages.splice(0),
    async stop() {
      await Promise.all([new Promise<void>((resolve) => smtp.close(() => resolve())), web ? close(web) : undefined]);
    },
  };
}

async function receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<CaughtMail> {
  // Loaded on the first mail: every suite loads this library, and few of them send mail.
  const { simpleParser } = await import('mailparser');
  const parsed = await simpleParser(stream);
  if (stream.sizeExceeded) {
    throw Object.assign(new Error('Message exceeds the size limit'), { responseCode: 552 });
  }
  return {
    id: randomUUID(),
    receivedAt: new Date().toISOString(),
    from: parsed.from?.text ?? (session.envelope.mailFrom ? session.envelope.mailFrom.address : ''),
    to: session.envelope.rcptTo.map((recipient) => recipient.address),
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: parsed.html === false ? null : parsed.html,
    headers: rawHeaders(parsed.headerLines),
  };
}

/**
 * mailparser turns List-* headers into structured objects; tests want to assert on
 * the exact header text (RFC 8058 List-Unsubscribe), so read the raw lines instead.
 */
function rawHeaders(lines: HeaderLines): Record<string, string> {
  // A Map, not an object literal: header names like __proto__ come from the sender.
  const headers = new Map<string, string>();
  for (const { key, line } of lines) {
    const name = key.toLowerCase();
    const value = line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
    const previous = headers.get(name);
    headers.set(name, previous === undefined ? value : `${previous}\n${value}`);
  }
  return Object.fromEntries(headers);
}

function listenSmtp(server: SMTPServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, host, () => {
      server.server.off('error', reject);
      const address = server.server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
