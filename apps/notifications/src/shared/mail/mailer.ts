import { connect, type Socket } from 'node:net';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type { NotificationsConfig } from '../../config/notifications.config';
import { NOTIFICATIONS_CONFIG } from '../notifications-config.token';
import { messageIdFor } from './message-id';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  /** A stable `Message-ID` (messageIdFor); without it nodemailer makes a random one per send. */
  messageId?: string;
}

export interface MailReceipt {
  messageId: string;
  /** The server's final reply, e.g. "250 OK: queued as ..." */
  response: string;
  responseCode: number | null;
}

/**
 * Nodemailer's defaults wait up to two minutes for a connection and ten for a
 * reply; a delivery that hangs that long holds a worker slot and the shutdown.
 * Values given in SMTP_URL's query string win.
 */
const DEFAULT_TIMEOUTS_MS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

export function smtpUrlWithTimeouts(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  for (const [name, value] of Object.entries(DEFAULT_TIMEOUTS_MS)) {
    if (!url.searchParams.has(name)) url.searchParams.set(name, String(value));
  }
  return url.toString();
}

/**
 * The transfer encoding nodemailer would choose for a text part: quoted-printable when it has
 * more Latin letters than control, 8-bit and wider characters, base64 otherwise (MimeNode's
 * own rule). Counted in one pass without allocating: nodemailer counts with two global regular
 * expressions that build an array of every match, per part and per message, which was about a
 * twelfth of the notifications process's time in an e-mail fan-out.
 */
export function transferEncodingOf(value: string): 'Q' | 'B' {
  let latin = 0;
  let nonLatin = 0;
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a)) latin += 1;
    else if (code >= 0x80 || code <= 0x08 || code === 0x0b || code === 0x0c || (code >= 0x0e && code <= 0x1f)) nonLatin += 1;
  }
  return nonLatin < latin ? 'Q' : 'B';
}

/**
 * nodemailer's `textEncoding` for a message whose parts (and non-ASCII header values) all take
 * the same encoding; undefined (nodemailer decides per part) when they differ, so every message
 * is encoded exactly as before.
 */
export function textEncodingFor(...parts: readonly string[]): 'quoted-printable' | 'base64' | undefined {
  const encodings = new Set(parts.map(transferEncodingOf));
  if (encodings.size !== 1) return undefined;
  return encodings.has('Q') ? 'quoted-printable' : 'base64';
}

/** textEncodingFor a whole message: its text and HTML, and the header values it applies to (those with non-ASCII characters). */
export function mailTextEncoding(mail: OutgoingMail, from: string): 'quoted-printable' | 'base64' | undefined {
  const encodedHeaders = [mail.subject, from, ...Object.values(mail.headers ?? {})].filter((value) => /[^\x00-\x7f]/.test(value));
  return textEncodingFor(mail.text, mail.html, ...encodedHeaders);
}

/** Messages one pooled connection carries before it is replaced (nodemailer's default is 100). */
const MESSAGES_PER_CONNECTION = 1000;

type SocketCallback = (error: Error | null, socket?: { connection: Socket }) => void;

/**
 * Opens the pool's TCP connections with Nagle's algorithm off (TCP_NODELAY):
 * SMTP is a dialogue of small commands, and with Nagle each one after the
 * first waited for the server's delayed ACK, about 40 ms a message. STARTTLS
 * and smtps:// wrap this socket as they would nodemailer's own.
 */
function openWithoutDelay(options: { host?: string; port?: number; connectionTimeout?: number }, callback: SocketCallback): void {
  const socket = connect({ host: options.host, port: options.port ?? 25, noDelay: true, keepAlive: true });
  const fail = (error: Error) => {
    socket.destroy();
    callback(error);
  };
  socket.setTimeout(options.connectionTimeout ?? DEFAULT_TIMEOUTS_MS.connectionTimeout, () => fail(Object.assign(new Error('Connection timeout'), { code: 'ETIMEDOUT' })));
  socket.once('error', fail);
  socket.once('connect', () => {
    socket.setTimeout(0);
    socket.removeListener('error', fail);
    callback(null, { connection: socket });
  });
}

/**
 * The SMTP transport, from SMTP_URL, sending as MAIL_FROM: a pool of as many
 * connections as alert e-mails may be in flight (DELIVERY_CONCURRENCY's
 * email), each reused for many messages, instead of one connection per message.
 */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly transport: Transporter;
  private readonly from: string;

  constructor(@Inject(NOTIFICATIONS_CONFIG) config: NotificationsConfig) {
    const options: SMTPPool.Options = {
      ...parseConnectionUrl(smtpUrlWithTimeouts(config.smtpUrl)),
      pool: true,
      maxConnections: config.deliveryConcurrency.email,
      maxMessages: MESSAGES_PER_CONNECTION,
      getSocket: openWithoutDelay,
    };
    this.transport = nodemailer.createTransport(options);
    this.from = config.mailFrom;
  }

  /** `<localPart@domain of MAIL_FROM>`: the same for every send of one message, so copies collapse. */
  messageId(localPart: string): string {
    return messageIdFor(localPart, this.from);
  }

  async send(mail: OutgoingMail): Promise<MailReceipt> {
    const textEncoding = mailTextEncoding(mail, this.from);
    const info = (await this.transport.sendMail({ from: this.from, ...mail, ...(textEncoding ? { textEncoding } : {}) })) as { messageId: string; response?: string };
    const response = info.response ?? '';
    const code = /^(\d{3})/.exec(response);
    return { messageId: info.messageId, response, responseCode: code ? Number(code[1]) : null };
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
