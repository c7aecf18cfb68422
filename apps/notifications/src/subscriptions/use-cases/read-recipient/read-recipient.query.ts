import { Injectable } from '@nestjs/common';
import { viewOf, type RecipientView } from '../../domain/recipient';
import { recipientNotFound } from '../../domain/subscription.errors';
import { SubscriptionRepository } from '../../persistence/subscription.repository';
import { TagNameRepository } from '../../persistence/tag-name.repository';
import type { RecipientKind } from '../../../shared/links/subscriber-link-signer';

/** What the preference and unsubscribe pages show about the recipient of a manage link (SUBSCRIBER.NOT_FOUND if gone). */
@Injectable()
export class ReadRecipientQuery {
  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly tagNames: TagNameRepository,
  ) {}

  async find(link: { kind: RecipientKind; recipientId: string }): Promise<RecipientView> {
    const recipient = await this.subscriptions.findRecipient(link.kind, link.recipientId);
    if (!recipient) throw recipientNotFound();
    return viewOf(recipient);
  }

  /** The words the site's stories typed `tags` as (tag → words), for pages that name followed tags; a tag without any is left out. */
  namesOfTags(tags: readonly string[]): Promise<Record<string, string>> {
    return this.tagNames.namesOf(tags);
  }
}
