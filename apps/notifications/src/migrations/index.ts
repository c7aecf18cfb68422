import { CreateDeadLetterAudit1764100000000 } from '@newsroom/observability';
import { CreateOutboxAndInbox1764000000000 } from '@newsroom/persistence';
import { CreateRateLimits1764200000000 } from '@newsroom/platform';
import { CreateSiteSections1764600000000 } from '@newsroom/site-sections';
import { CreateNotifications1764000400000 } from './1764000400000-create-notifications';
import { MergeSameMailboxSubscribers1764300400000 } from './1764300400000-merge-same-mailbox-subscribers';
import { DeliveryLanes1764300000000 } from './1764300000000-delivery-lanes';
import { FanOutJobs1764300500000 } from './1764300500000-fan-out-jobs';
import { AlertClicks1764300600000 } from './1764300600000-alert-clicks';
import { FanOutTrace1764300700000 } from './1764300700000-fan-out-trace';
import { CorrectionDeliveries1764300800000 } from './1764300800000-correction-deliveries';
import { SubscriberBounces1764300900000 } from './1764300900000-subscriber-bounces';
import { FrequencyQuietHoursDigests1764301000000 } from './1764301000000-frequency-quiet-hours-digests';
import { DeliveryDestinations1764301100000 } from './1764301100000-delivery-destinations';
import { PushEndpointReplacements1764301200000 } from './1764301200000-push-endpoint-replacements';
import { AlertLanguage1765200000000 } from './1765200000000-alert-language';
import { TagNames1766000300000 } from './1766000300000-tag-names';

/** In order of their timestamps. */
export const NOTIFICATIONS_MIGRATIONS = [CreateOutboxAndInbox1764000000000, CreateNotifications1764000400000, CreateDeadLetterAudit1764100000000, CreateRateLimits1764200000000, DeliveryLanes1764300000000, MergeSameMailboxSubscribers1764300400000, FanOutJobs1764300500000, AlertClicks1764300600000, FanOutTrace1764300700000, CorrectionDeliveries1764300800000, SubscriberBounces1764300900000, FrequencyQuietHoursDigests1764301000000, DeliveryDestinations1764301100000, PushEndpointReplacements1764301200000, CreateSiteSections1764600000000, AlertLanguage1765200000000, TagNames1766000300000];
