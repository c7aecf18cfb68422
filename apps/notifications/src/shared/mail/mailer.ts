import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import type { NotificationsConfig } from '../../config/notifications.config';
import { NOTIFICATIONS_CONFIG } from '../notifications-config.token';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
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

/** The SMTP transport, from SMTP_URL, sending as MAIL_FROM. */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly transport: Transporter;
  private readonly from: string;

  constructor(@Inject(NOTIFICATIONS_CONFIG) config: NotificationsConfig) {
    this.transport = nodemailer.createTransport(smtpUrlWithTimeouts(config.smtpUrl));
    this.from = config.mailFrom;
  }

  async send(mail: OutgoingMail): Promise<MailReceipt> {
    const info = (await this.transport.sendMail({ from: this.from, ...mail })) as { messageId: string; response?: string };
    const response = info.response ?? '';
    const code = /^(\d{3})/.exec(response);
    return { messageId: info.messageId, response, responseCode: code ? Number(code[1]) : null };
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
