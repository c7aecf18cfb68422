import type { RecipientKind } from '../../../shared/links/subscriber-link-signer';
import { maskEmail } from '../../domain/email-address';
import type { Preferences } from '../../domain/preferences';
import { endpointHost } from '../../domain/push-endpoint';
import type { Subscriber } from '../../domain/subscriber';
import type { PushSubscriptionEntity } from '../../persistence/push-subscription.entity';

/** What a subscriber page shows about the recipient a link belongs to. */
export interface RecipientView {
  kind: RecipientKind;
  id: string;
  /** Masked address or push service host: a forwarded link reveals little. */
  label: string;
  /** Still subscribed (pending or confirmed email, active push). */
  subscribed: boolean;
  preferences: Preferences;
}

export function emailRecipientView(subscriber: Subscriber): RecipientView {
  const { state } = subscriber;
  return { kind: 'email', id: state.id, label: maskEmail(state.email), subscribed: state.status !== 'unsubscribed', preferences: state.preferences };
}

export function pushRecipientView(row: PushSubscriptionEntity): RecipientView {
  return {
    kind: 'push',
    id: row.id,
    label: `notifications in a browser (via ${endpointHost(row.endpoint)})`,
    subscribed: row.active,
    preferences: { sections: row.sections, tags: row.tags, breakingOnly: row.breakingOnly },
  };
}
