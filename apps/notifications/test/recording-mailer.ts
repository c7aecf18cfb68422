import type { MailReceipt, OutgoingMail } from '../src/shared/mail/mailer';
import { messageIdFor } from '../src/shared/mail/message-id';

/** The sender the recorded messages' ids are made for. */
const TEST_SENDER = 'alerts@newsroom.test';

/**
 * Stands in for the SMTP transport in use-case specs: keeps what would have
 * been sent, and can refuse the next messages as a mail server outage would.
 */
export class RecordingMailer {
  readonly sent: OutgoingMail[] = [];
  private refusals: Array<{ responseCode: number; command: string } | null> = [];

  /** The next `count` messages fail as if the SMTP server were down. */
  refuseNext(count = 1): void {
    for (let i = 0; i < count; i += 1) this.refusals.push(null);
  }

  /** The next message is refused with this SMTP reply (e.g. 550 to RCPT TO: the mailbox does not exist). */
  replyNext(responseCode: number, command = 'RCPT TO'): void {
    this.refusals.push({ responseCode, command });
  }

  messageId(localPart: string): string {
    return messageIdFor(localPart, TEST_SENDER);
  }

  async send(mail: OutgoingMail): Promise<MailReceipt> {
    const refusal = this.refusals.shift();
    if (refusal === null) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ECONNECTION' });
    if (refusal) throw Object.assign(new Error(`Can't send mail - the server answered ${refusal.responseCode}`), { ...refusal, code: 'EENVELOPE', response: `${refusal.responseCode} 5.1.1 no such user` });
    this.sent.push(mail);
    return { messageId: `<${this.sent.length}@test>`, response: '250 OK', responseCode: 250 };
  }

  sentTo(address: string): OutgoingMail[] {
    return this.sent.filter((mail) => mail.to.toLowerCase() === address.toLowerCase());
  }

  clear(): void {
    this.sent.splice(0);
    this.refusals = [];
  }
}
