import { EditorActionCommand } from '../editor-action.command';

/** An editor cancels the revision of an article that is waiting for its time. */
export class CancelScheduleCommand extends EditorActionCommand {}
