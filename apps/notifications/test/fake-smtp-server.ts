import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** Envelope recipient, lower-cased. */
  rcpt: string;
  parsed: ParsedMail;
}

/**
 * An SMTP server for the service under test: keeps every message, answers
 * 451 (try again later) for recipients the test defers, and 550 (mailbox
 * unavailable, for good) for recipients it refuses.
 */
export class FakeSmtpServer {
  private constructor(
    private readonly server: SMTPServer,
    readonly url: string,
    /** Every message received, once per envelope recipient, in order. */
    readonly mails: ReceivedMail[],
    private readonly deferred: Set<string>,
    private readonly refused: Set<string>,
  ) {}

  static async start(): Promise<FakeSmtpServer> {
    const mails: ReceivedMail[] = [];
    const deferred = new Set<string>();
    const refused = new Set<string>();
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      disableReverseLookup: true,
      logger: false,
      closeTimeout: 1000,
      onRcptTo(address, _session, callback) {
        if (refused.has(address.address.toLowerCase())) {
          return callback(Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 }));
        }
        if (deferred.has(address.address.toLowerCase())) {
          return callback(Object.assign(new Error('mailbox busy, try again later'), { responseCode: 451 }));
        }
        callback();
      },
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((parsed) => {
            for (const rcpt of session.envelope.rcptTo) mails.push({ rcpt: rcpt.address.toLowerCase(), parsed });
            callback();
          })
          .catch(callback);
      },
    });
    server.on('error', () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    return new FakeSmtpServer(server, `smtp://127.0.0.1:${port}`, mails, deferred, refused);
  }

  /** Messages to `address`, optionally only those whose subject matches. */
  mailsTo(address: string, subject?: RegExp): ReceivedMail[] {
    return this.mails.filter((mail) => mail.rcpt === address.toLowerCase() && (!subject || subject.test(mail.parsed.subject ?? '')));
  }

  /** Answers 451 to `address` until allowed again. */
  defer(address: string): void {
    this.deferred.add(address.toLowerCase());
  }

  /** Answers 550 to `address` (a hard bounce) until allowed again. */
  refuse(address: string): void {
    this.refused.add(address.toLowerCase());
  }

  allow(address: string): void {
    this.deferred.delete(address.toLowerCase());
    this.refused.delete(address.toLowerCase());
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A header of a received mail as one unfolded line, e.g. `list-unsubscribe`. */
export function headerOf(mail: ReceivedMail, name: string): string | undefined {
  return mail.parsed.headerLines
    .find((header) => header.key === name)
    ?.line.replace(/\r?\n[ \t]+/g, ' ')
    .replace(/^[^:]+:\s*/, '');
}
