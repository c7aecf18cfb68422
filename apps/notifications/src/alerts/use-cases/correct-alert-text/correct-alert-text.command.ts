import { AlertContentCommand } from '../alert-content.command';

/** A published article was corrected: alerts not sent yet say the corrected text. */
export class CorrectAlertTextCommand extends AlertContentCommand {}
