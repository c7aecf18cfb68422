import type { EmailRecipient, PushRecipient } from '../src/alerts/channels/alert-channels';
import type { AlertText } from '../src/alerts/domain/article-alert';
import type { SendResult } from '../src/alerts/domain/send-failure';

export interface SentAlert {
  channel: 'email' | 'push';
  /** The email address or the push endpoint. */
  to: string;
  alert: AlertText;
}

/**
 * Stands in for SMTP and the push services in use-case specs: records every
 * alert handed to it and answers what the test scripted (250 / 201 otherwise).
 * `whileSending` runs in the middle of a send, to make things happen "during" it.
 */
export class ScriptedAlertChannels {
  readonly sent: SentAlert[] = [];
  private readonly answers: SendResult[] = [];
  whileSending?: () => Promise<void>;

  /** The next sends answer these, in order. */
  answerNext(...results: SendResult[]): void {
    this.answers.push(...results);
  }

  email(recipient: EmailRecipient, alert: AlertText): Promise<SendResult> {
    return this.record({ channel: 'email', to: recipient.email, alert }, 250);
  }

  push(recipient: PushRecipient, _articleId: string, alert: AlertText): Promise<SendResult> {
    return this.record({ channel: 'push', to: recipient.endpoint, alert }, 201);
  }

  clear(): void {
    this.sent.splice(0);
    this.answers.splice(0);
    this.whileSending = undefined;
  }

  private async record(sent: SentAlert, okCode: number): Promise<SendResult> {
    await this.whileSending?.();
    this.sent.push(sent);
    return this.answers.shift() ?? { ok: true, responseCode: okCode };
  }
}

/** A channel's failure, as the real channels classify them. */
export function failure(transient: boolean, responseCode: number | null, message: string, extra: { recipientGone?: boolean } = {}): SendResult {
  return { ok: false, failure: { transient, responseCode, message, ...extra } };
}
