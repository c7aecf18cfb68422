import type { MailReceipt, OutgoingMail } from '../src/shared/mail/mailer';

/**
 * Stands in for the SMTP transport in use-case specs: keeps what would have
 * been sent, and can refuse the next messages as a mail server outage would.
 */
export class RecordingMailer {
  readonly sent: OutgoingMail[] = [];
  private refusals = 0;

  /** The next `count` messages fail as if the SMTP server were down. */
  refuseNext(count = 1): void {
    this.refusals += count;
  }

  async send(mail: OutgoingMail): Promise<MailReceipt> {
    if (this.refusals > 0) {
      this.refusals -= 1;
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ECONNECTION' });
    }
    this.sent.push(mail);
    return { messageId: `<${this.sent.length}@test>`, response: '250 OK', responseCode: 250 };
  }

  sentTo(address: string): OutgoingMail[] {
    return this.sent.filter((mail) => mail.to.toLowerCase() === address.toLowerCase());
  }

  clear(): void {
    this.sent.splice(0);
    this.refusals = 0;
  }
}
