import type { AlertableArticle } from '../../subscriptions/domain/preferences';

/**
 * Who gets an alert, in SQL, so the fan-out can insert every delivery with one
 * INSERT … SELECT however many subscribers there are. The reference rules are
 * in the domain: matchesArticle() (subscriptions/domain/preferences.ts),
 * Subscriber.receivesAlerts and PushSubscription.receivesAlerts();
 * recipient-selection.int-spec.ts runs one table of cases through both and
 * fails when they disagree. Change them together.
 */

/** The parameters the conditions below refer to: $2 section, $3 tags, $4 priority (lower-cased like the rule does). */
export function articleParameters(article: AlertableArticle): [string, string[], string] {
  return [article.section.toLowerCase(), article.tags.map((tag) => tag.toLowerCase()), article.priority];
}

/** matchesArticle() over the recipient table aliased `r` (both tables have the same preference columns). */
const MATCHES_ARTICLE = `
  (NOT r.breaking_only OR $4 = 'breaking')
  AND (
    r.sections @> ARRAY[$2::text]
    OR r.tags && $3::text[]
    OR (r.breaking_only AND cardinality(r.sections) = 0 AND cardinality(r.tags) = 0)
  )`;

/** Email subscribers who get the alert: confirmed, not bounced, and interested. */
export const EMAIL_RECIPIENTS = `SELECT r.id FROM subscribers r WHERE r.status = 'confirmed' AND r.bounced_at IS NULL AND ${MATCHES_ARTICLE}`;

/** Push subscriptions that get the alert: active, not expired, and interested. */
export const PUSH_RECIPIENTS = `SELECT r.id FROM push_subscriptions r
  WHERE r.active AND (r.expiration_time IS NULL OR r.expiration_time > now()) AND ${MATCHES_ARTICLE}`;
