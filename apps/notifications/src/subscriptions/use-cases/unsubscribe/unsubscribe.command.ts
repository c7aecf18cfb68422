import { RecipientCommand } from '../recipient.command';

/** A recipient stops all alerts (the unsubscribe button, or a mail client's one-click POST). */
export class UnsubscribeCommand extends RecipientCommand {}
