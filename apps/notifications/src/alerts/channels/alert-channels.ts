import type { Agent } from 'node:https';
import { Inject, Injectable, Optional } from '@nestjs/common';
import webpush from 'web-push';
import type { NotificationsConfig } from '../../config/notifications.config';
import { Mailer } from '../../shared/mail/mailer';
import { SubscriberLinks } from '../../shared/links/subscriber-links';
import { NOTIFICATIONS_CONFIG } from '../../shared/notifications-config.token';
import type { AlertText } from '../domain/article-alert';
import { classifyEmailError, classifyPushError, type SendResult } from '../domain/send-failure';
import { alertEmail, correctionEmail } from './alert-messages';
import { PUSH_HTTPS_AGENT } from '../../shared/push-https-agent.token';
import type { PushServiceAllowList } from '../../shared/push-services/push-services';
import { assertPushTarget, pushServiceAgent } from './push-connection';
import { encodePushPayload, pushDeliveryHeaders } from './push-message';
import { VapidAuthorizations } from './vapid-authorization';

export interface EmailRecipient {
  subscriberId: string;
  email: string;
}

export interface PushRecipient {
  pushSubscriptionId: string;
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** Sends one alert through SMTP or web push and says how it went; never throws. */
@Injectable()
export class AlertChannels {
  private readonly vapid: VapidAuthorizations;
  private readonly pushServices: PushServiceAllowList;
  private readonly pushAgent: Agent;
  /** The publication the e-mails speak for (SITE_NAME). */
  private readonly publication: string;

  constructor(
    private readonly mailer: Mailer,
    private readonly links: SubscriberLinks,
    @Inject(NOTIFICATIONS_CONFIG) config: NotificationsConfig,
    @Optional() @Inject(PUSH_HTTPS_AGENT) trustedBy: Agent | null = null,
  ) {
    this.vapid = new VapidAuthorizations(config.vapid);
    this.pushServices = config.pushServices;
    this.publication = config.siteName;
    // A test's agent only lends its CA: every push goes through the agent that checks addresses.
    this.pushAgent = pushServiceAgent(trustedBy?.options.ca ? { ca: trustedBy.options.ca } : {});
  }

  /**
   * Sends the alert e-mail of delivery `deliveryId` with the `Message-ID`
   * `<delivery-<id>@<MAIL_FROM's domain>>`: every attempt of one delivery —
   * a retry, or a re-send after a crash left its outcome unknown — carries the
   * same id, so a copy that did arrive before is collapsed by the mail client
   * or mailbox provider instead of shown twice. With `correction` (a delivery of
   * kind `correction`) it is the short correction e-mail instead.
   */
  async email(recipient: EmailRecipient, alert: AlertText, deliveryId: string, correction: { note: string } | null = null): Promise<SendResult> {
    const links = this.links.management(recipient.subscriberId, 'email');
    try {
      const message = correction ? correctionEmail(this.publication, recipient.email, alert, correction.note, links) : alertEmail(this.publication, recipient.email, alert, links);
      const mail = { ...message, messageId: this.mailer.messageId(`delivery-${deliveryId}`) };
      const receipt = await this.mailer.send(mail);
      return { ok: true, responseCode: receipt.responseCode };
    } catch (error) {
      return { ok: false, failure: classifyEmailError(error) };
    }
  }

  /**
   * Sends to the subscription's push service, after checking again that the
   * endpoint is on an allowed service and resolves to a public address (an
   * endpoint stored before a rule changed, or a name whose DNS answer changed).
   * The payload's size is checked first (PUSH.PAYLOAD_TOO_LARGE, final); `TTL`, `Urgency`
   * and the story's `Topic` go with it (push-message.ts): the Topic is the same for every
   * attempt, so a re-sent push replaces one the push service still holds (RFC 8030 §5.4).
   */
  async push(recipient: PushRecipient, articleId: string, alert: AlertText): Promise<SendResult> {
    try {
      assertPushTarget(recipient.endpoint, this.pushServices);
      const result = await webpush.sendNotification(
        { endpoint: recipient.endpoint, keys: { p256dh: recipient.p256dh, auth: recipient.auth } },
        encodePushPayload(articleId, alert),
        {
          ...pushDeliveryHeaders(articleId, alert),
          // Signed once per push service and reused, not per push (vapid-authorization.ts).
          headers: { Authorization: this.vapid.headerFor(recipient.endpoint) },
          timeout: 15_000,
          agent: this.pushAgent,
        },
      );
      return { ok: true, responseCode: result.statusCode };
    } catch (error) {
      return { ok: false, failure: classifyPushError(error, new Date()) };
    }
  }
}
