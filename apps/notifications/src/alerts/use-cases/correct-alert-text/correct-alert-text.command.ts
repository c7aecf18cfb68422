import { AlertContentCommand } from '../alert-content.command';

/**
 * A published article's text changed at the same address (an editor corrected it, or a newer
 * approved revision updated it): alerts not sent yet say the new text.
 */
export class CorrectAlertTextCommand extends AlertContentCommand {}
