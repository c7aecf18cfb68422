import { ReviewerCommand } from '../editor.command';

/** An editor takes an article off the queue to review it; the article and the editor say it all. */
export class ClaimReviewCommand extends ReviewerCommand {}
