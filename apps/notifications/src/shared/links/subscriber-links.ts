import { Inject, Injectable } from '@nestjs/common';
import type { NotificationsConfig } from '../../config/notifications.config';
import { NOTIFICATIONS_CONFIG } from '../notifications-config.token';
import { SubscriberLinkSigner, type LinkClaims, type LinkPurpose, type RecipientKind } from './subscriber-link-signer';

export interface ManagementLinks {
  token: string;
  preferencesUrl: string;
  unsubscribeUrl: string;
}

/** Builds the absolute links subscribers receive, and checks the tokens they bring back. */
@Injectable()
export class SubscriberLinks {
  private readonly signer: SubscriberLinkSigner;
  private readonly baseUrl: string;

  constructor(@Inject(NOTIFICATIONS_CONFIG) config: NotificationsConfig) {
    this.signer = new SubscriberLinkSigner(config.subscriberLinkSecret);
    this.baseUrl = config.publicBaseUrl;
  }

  confirmUrl(subscriberId: string): string {
    return `${this.baseUrl}/v1/subscribers/confirm?token=${this.signer.sign(subscriberId, 'email', 'confirm')}`;
  }

  management(recipientId: string, kind: RecipientKind): ManagementLinks {
    const token = this.signer.sign(recipientId, kind, 'manage');
    return {
      token,
      preferencesUrl: `${this.baseUrl}/preferences?token=${token}`,
      unsubscribeUrl: `${this.baseUrl}/unsubscribe?token=${token}`,
    };
  }

  verify(token: unknown, purpose: LinkPurpose): LinkClaims {
    return this.signer.verify(token, purpose);
  }
}
