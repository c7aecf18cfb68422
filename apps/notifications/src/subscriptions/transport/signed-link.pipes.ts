import { Injectable, type PipeTransform } from '@nestjs/common';
import { linkInvalid } from '../../shared/links/link.errors';
import type { RecipientKind } from '../../shared/links/subscriber-link-signer';
import { SubscriberLinks } from '../../shared/links/subscriber-links';

/** Who a genuine, unexpired "manage" link belongs to. */
export interface ManageLink {
  recipientId: string;
  kind: RecipientKind;
}

/**
 * The signed token in a subscriber link is the only credential on these
 * routes, as a bearer token is on the editors' API: the pipes check it before
 * any use case runs (LINK.INVALID, LINK.EXPIRED) and hand on whom it names.
 */
@Injectable()
export class ManageLinkPipe implements PipeTransform<unknown, ManageLink> {
  constructor(private readonly links: SubscriberLinks) {}

  transform(token: unknown): ManageLink {
    const claims = this.links.verify(token, 'manage');
    return { recipientId: claims.recipientId, kind: claims.kind };
  }
}

/** A genuine, unexpired confirmation link; it names an email subscriber. */
@Injectable()
export class ConfirmLinkPipe implements PipeTransform<unknown, string> {
  constructor(private readonly links: SubscriberLinks) {}

  transform(token: unknown): string {
    const claims = this.links.verify(token, 'confirm');
    if (claims.kind !== 'email') throw linkInvalid();
    return claims.recipientId;
  }
}
