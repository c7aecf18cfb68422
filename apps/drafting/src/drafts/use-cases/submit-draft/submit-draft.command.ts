import { DraftChangeCommand } from '../draft-change.command';

/**
 * The reporter sends the current revision to the editors. `expectedVersion`
 * is optional here: when given (If-Match), it must still be current.
 */
export class SubmitDraftCommand extends DraftChangeCommand {}
