import { CreateDeadLetterAudit1764100000000 } from '@newsroom/observability';
import { CreateOutboxAndInbox1764000000000 } from '@newsroom/persistence';
import { CreateSiteSections1764600000000 } from '@newsroom/site-sections';
import { CreateDrafts1764000100000 } from './1764000100000-create-drafts';
import { CreateImages1764400000000 } from './1764400000000-create-images';
import { DraftCorrectedText1764700000000 } from './1764700000000-draft-corrected-text';
import { ActivityBlockIndex1764800000000 } from './1764800000000-activity-block-index';
import { DraftSpiked1765100000000 } from './1765100000000-draft-spiked';
import { ActivityPublishAt1765300000000 } from './1765300000000-activity-publish-at';
import { DraftReviewer1765600000000 } from './1765600000000-draft-reviewer';

/** In order of their timestamps. */
export const DRAFTING_MIGRATIONS = [CreateOutboxAndInbox1764000000000, CreateDrafts1764000100000, CreateDeadLetterAudit1764100000000, CreateImages1764400000000, CreateSiteSections1764600000000, DraftCorrectedText1764700000000, ActivityBlockIndex1764800000000, DraftSpiked1765100000000, ActivityPublishAt1765300000000, DraftReviewer1765600000000];
