import type { MigrationInterface, QueryRunner } from 'typeorm';
import { normalizeEmail } from '../subscriptions/domain/email-address';

interface SubscriberRow {
  id: string;
  email: string;
  status: 'pending' | 'confirmed' | 'unsubscribed';
  sections: string[];
  tags: string[];
  breaking_only: boolean;
  confirmed_at: Date | null;
}

const STATUS_RANK = { confirmed: 0, pending: 1, unsubscribed: 2 } as const;

/**
 * Addresses were stored as typed, so `x@bücher.example` and `x@xn--bcher-kva.example` (or a
 * decomposed `ü`) became two subscribers of one mailbox, each confirmed and each alerted. This
 * rewrites every address in its normal form (subscriptions/domain/email-address.ts) and merges
 * the subscribers that then share one:
 *
 * - the survivor is the confirmed one (else pending, else unsubscribed), the oldest among equals;
 * - it follows every section and tag that its equals (same status) followed, and is breaking-only
 *   only if they all were; it keeps the earliest confirmation;
 * - the others' deliveries move to it; where both were alerted about one article, the survivor's
 *   delivery stays and the other's attempts are added to its log (the duplicate email did go out);
 * - then the others are deleted. Nothing else refers to a subscriber.
 *
 * Runs in the migration's transaction under the migration lock. `down` changes nothing: a merge
 * cannot be told apart again, and the merged rows are valid under the old code.
 */
export class MergeSameMailboxSubscribers1764300400000 implements MigrationInterface {
  name = 'MergeSameMailboxSubscribers1764300400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const rows: SubscriberRow[] = await queryRunner.query(
      `SELECT id, email, status, sections, tags, breaking_only, confirmed_at FROM subscribers ORDER BY created_at, id FOR UPDATE`,
    );
    const mailboxes = new Map<string, SubscriberRow[]>();
    for (const row of rows) {
      const key = normalizeEmail(row.email).toLowerCase();
      mailboxes.set(key, [...(mailboxes.get(key) ?? []), row]);
    }
    for (const group of mailboxes.values()) {
      // Stable sort: the oldest of the best status first.
      const [survivor, ...others] = [...group].sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status]);
      for (const other of others) await this.mergeInto(queryRunner, survivor.id, other.id);
      const equals = group.filter((row) => row.status === survivor.status);
      const confirmedAt = equals.map((row) => row.confirmed_at).filter((at): at is Date => at !== null).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
      await queryRunner.query(
        `UPDATE subscribers SET email = $2, sections = $3, tags = $4, breaking_only = $5, confirmed_at = $6, updated_at = now() WHERE id = $1`,
        [
          survivor.id,
          normalizeEmail(survivor.email),
          union(equals.map((row) => row.sections)),
          union(equals.map((row) => row.tags)),
          equals.every((row) => row.breaking_only),
          confirmedAt,
        ],
      );
    }
  }

  async down(): Promise<void> {
    // Nothing to undo: see the class comment.
  }

  private async mergeInto(queryRunner: QueryRunner, survivorId: string, otherId: string): Promise<void> {
    const bothAlerted = `
      FROM deliveries mine JOIN deliveries theirs
        ON theirs.article_id = mine.article_id AND theirs.channel = mine.channel AND theirs.subscriber_id = $1
      WHERE mine.subscriber_id = $2`;
    await queryRunner.query(`UPDATE delivery_attempts a SET delivery_id = theirs.id ${bothAlerted} AND a.delivery_id = mine.id`, [survivorId, otherId]);
    await queryRunner.query(`DELETE FROM deliveries d USING deliveries theirs WHERE d.subscriber_id = $2 AND theirs.subscriber_id = $1 AND theirs.article_id = d.article_id AND theirs.channel = d.channel`, [
      survivorId,
      otherId,
    ]);
    await queryRunner.query(`UPDATE deliveries SET subscriber_id = $1 WHERE subscriber_id = $2`, [survivorId, otherId]);
    await queryRunner.query(`DELETE FROM subscribers WHERE id = $1`, [otherId]);
  }
}

function union(lists: string[][]): string[] {
  return [...new Set(lists.flat())].sort();
}
