import type { PushSubscriptionJSON } from '@newsroom/testing';
import type { Client } from 'pg';

/**
 * Stores many readers of one section straight in the notifications tables, in two statements
 * whatever their number: confirmed e-mail subscribers (`emails`) and active push subscriptions
 * (`pushes`, as the push inbox creates them). For suites that measure or break the fan-out,
 * where signing up thousands of readers over HTTP would be the slow part.
 */
export async function storeSectionReaders(
  db: Pick<Client, 'query'>,
  section: string,
  readers: { emails: readonly string[]; pushes: readonly PushSubscriptionJSON[] },
): Promise<void> {
  await db.query(
    `INSERT INTO notifications.subscribers (id, email, status, sections, confirmed_at)
     SELECT gen_random_uuid(), email, 'confirmed', ARRAY[$2], now() FROM unnest($1::text[]) AS email`,
    [readers.emails, section],
  );
  const { pushes } = readers;
  await db.query(
    `INSERT INTO notifications.push_subscriptions (id, endpoint, p256dh, auth, sections)
     SELECT gen_random_uuid(), s.endpoint, s.p256dh, s.auth, ARRAY[$4] FROM unnest($1::text[], $2::text[], $3::text[]) AS s(endpoint, p256dh, auth)`,
    [pushes.map((p) => p.endpoint), pushes.map((p) => p.keys.p256dh), pushes.map((p) => p.keys.auth), section],
  );
}
