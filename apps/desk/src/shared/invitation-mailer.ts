import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { html, htmlDocument } from '@newsroom/html';
import type { DeskConfig } from '../config/desk.config';
import { DESK_CONFIG } from './desk-config.token';

export interface Invitation {
  to: string;
  name: string;
  invitedBy: string;
  url: string;
  validHours: number;
}

/**
 * Sends invitation e-mails through SMTP_URL as MAIL_FROM (nodemailer). One connection per
 * message: invitations are rare. Connection and reply waits are capped at 10 and 30 seconds
 * unless SMTP_URL's query string says otherwise.
 */
@Injectable()
export class InvitationMailer implements OnApplicationShutdown {
  private readonly transport: Transporter;
  private readonly from: string;

  constructor(@Inject(DESK_CONFIG) config: DeskConfig) {
    const url = new URL(config.smtpUrl);
    for (const [name, value] of Object.entries({ connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 })) {
      if (!url.searchParams.has(name)) url.searchParams.set(name, String(value));
    }
    this.transport = nodemailer.createTransport(url.toString());
    this.from = config.mailFrom;
  }

  async send(invitation: Invitation): Promise<void> {
    const subject = 'You are invited to the Newsroom desk';
    const text = [
      `Hello ${invitation.name},`,
      '',
      `${invitation.invitedBy} invited you to the Newsroom desk. Choose your password here (the link works once, for ${invitation.validHours} hours):`,
      '',
      invitation.url,
      '',
      'If you did not expect this, ignore this e-mail.',
    ].join('\n');
    const body = html`<p>Hello ${invitation.name},</p>
<p>${invitation.invitedBy} invited you to the Newsroom desk. Choose your password here (the link works once, for ${invitation.validHours} hours):</p>
<p><a href="${invitation.url}">${invitation.url}</a></p>
<p>If you did not expect this, ignore this e-mail.</p>`;
    await this.transport.sendMail({ from: this.from, to: invitation.to, subject, text, html: htmlDocument({ title: subject, body }).toString() });
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
