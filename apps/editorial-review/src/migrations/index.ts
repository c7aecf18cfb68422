import { CreateDeadLetterAudit1764100000000 } from '@newsroom/observability';
import { CreateOutboxAndInbox1764000000000 } from '@newsroom/persistence';
import { CreateSiteSections1764600000000 } from '@newsroom/site-sections';
import { CreateReviews1764000200000 } from './1764000200000-create-reviews';
import { ReviewSubmissionTrace1764400000000 } from './1764400000000-review-submission-trace';
import { CommentBlockAnchor1764200000000 } from './1764200000000-comment-block-anchor';
import { ReviewKilled1764950000000 } from './1764950000000-review-killed';
import { ReviewRecalled1765400000000 } from './1765400000000-review-recalled';
import { SubmissionEditedBy1765600000000 } from './1765600000000-submission-edited-by';
import { ReviewWordCount1766000200000 } from './1766000200000-review-word-count';

/** In order of their timestamps. */
export const EDITORIAL_REVIEW_MIGRATIONS = [CreateOutboxAndInbox1764000000000, CreateReviews1764000200000, CreateDeadLetterAudit1764100000000, CommentBlockAnchor1764200000000, ReviewSubmissionTrace1764400000000, CreateSiteSections1764600000000, ReviewKilled1764950000000, ReviewRecalled1765400000000, SubmissionEditedBy1765600000000, ReviewWordCount1766000200000];
