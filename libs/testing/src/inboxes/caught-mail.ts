/** One message the mail catcher received, as its API and pages show it. */
export interface CaughtMail {
  id: string;
  receivedAt: string;
  /** The From header as written (display name and address). */
  from: string;
  /** Envelope recipients (RCPT TO), so Bcc recipients are included. */
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  /** Raw header values keyed by lowercase name; repeated headers are joined with a newline. */
  headers: Record<string, string>;
}
