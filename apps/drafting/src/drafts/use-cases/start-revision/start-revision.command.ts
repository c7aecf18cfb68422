import { DraftChangeCommand } from '../draft-change.command';

/**
 * The reporter starts a newer revision of their published story. `expectedVersion` is
 * optional: when given (If-Match), it must still be current.
 */
export class StartRevisionCommand extends DraftChangeCommand {}
