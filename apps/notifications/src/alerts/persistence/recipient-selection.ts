import type { AlertableArticle } from '../../subscriptions/domain/preferences';

/**
 * Who gets an alert, and when, in SQL, so the fan-out can insert every delivery with
 * one INSERT … SELECT however many subscribers there are. The reference rules are
 * in the domain: matchesArticle() and followsStory() (subscriptions/domain/preferences.ts),
 * Subscriber.receivesAlerts, PushSubscription.receivesAlerts() and holdUntil()
 * (subscriptions/domain/quiet-hours.ts); recipient-selection.int-spec.ts runs tables
 * of cases through both and fails when they disagree. Change them together.
 */

/** The parameters the conditions below refer to: $2 section, $3 tags, $4 priority (lower-cased like the rule does). */
export function articleParameters(article: AlertableArticle): [string, string[], string] {
  return [article.section.toLowerCase(), article.tags.map((tag) => tag.toLowerCase()), article.priority];
}

/** SQL expressions for an article's lower-cased section (text), tags (text[]) and priority. */
export interface ArticleTerms {
  section: string;
  tags: string;
  priority: string;
}

/** followsStory() over the recipient table aliased `r` (both tables have the same preference columns). */
export function followsStorySql(article: ArticleTerms): string {
  return `
  (NOT r.breaking_only OR ${article.priority} = 'breaking')
  AND (
    r.sections @> ARRAY[${article.section}]
    OR r.tags && ${article.tags}
    OR (r.breaking_only AND cardinality(r.sections) = 0 AND cardinality(r.tags) = 0)
  )`;
}

/** The article of the fan-out's parameters (articleParameters()). */
const PARAMETER_ARTICLE: ArticleTerms = { section: '$2::text', tags: '$3::text[]', priority: '$4' };

/** A stored alert's article, the table article_alerts aliased `a`, lower-cased as articleParameters() does. */
export const STORED_ARTICLE: ArticleTerms = { section: 'lower(a.section)', tags: 'ARRAY(SELECT lower(tag) FROM unnest(a.tags) AS tag)', priority: 'a.priority' };

/** matchesArticle() over `r`: no alert of its own for a digest reader. */
export function matchesArticleSql(article: ArticleTerms): string {
  return `r.frequency <> 'daily-digest' AND ${followsStorySql(article)}`;
}

const MATCHES_ARTICLE = matchesArticleSql(PARAMETER_ARTICLE);

/**
 * holdUntil() over `r`: null to send at once, or when `r`'s quiet hours end, for an alert
 * of `priority` due at `at` (SQL expressions). `timestamptz AT TIME ZONE zone` gives the
 * recipient's wall-clock time; `timestamp AT TIME ZONE zone` turns the wall-clock end back
 * into an instant, reading a skipped or repeated time as the domain's wallTimeToInstant() does.
 */
export function heldUntilSql(at: string, priority: string): string {
  const local = `(${at} AT TIME ZONE r.time_zone)`;
  const clock = `${local}::time`;
  return `CASE WHEN ${priority} = 'breaking' OR r.quiet_hours_start IS NULL THEN NULL
    WHEN CASE WHEN r.quiet_hours_start < r.quiet_hours_end
           THEN ${clock} >= r.quiet_hours_start AND ${clock} < r.quiet_hours_end
           ELSE ${clock} >= r.quiet_hours_start OR ${clock} < r.quiet_hours_end END
    THEN ((${local}::date + CASE WHEN ${clock} < r.quiet_hours_end THEN 0 ELSE 1 END) + r.quiet_hours_end) AT TIME ZONE r.time_zone
    END`;
}

/**
 * When a retry of delivery `d` (aliased so) may go, given the retry policy's `at` (an SQL
 * timestamptz): `at`, or the end of its recipient's quiet hours when `at` falls inside them —
 * holdUntil() again, for the retry's own time. Breaking alerts (urgency 0) are never held.
 */
export function retryDueSql(at: string): string {
  const priority = `CASE WHEN d.urgency = 0 THEN 'breaking' ELSE 'normal' END`;
  const heldBy = (table: string, column: string) => `(SELECT ${heldUntilSql(at, priority)} FROM ${table} r WHERE r.id = d.${column})`;
  return `COALESCE(${heldBy('subscribers', 'subscriber_id')}, ${heldBy('push_subscriptions', 'push_subscription_id')}, ${at})`;
}

/** The columns every recipient query gives: its id, and when its delivery may be sent (null: at once). */
const RECIPIENT_COLUMNS = `r.id, ${heldUntilSql('now()', '$4')} AS held_until`;

/** Subscriber.receivesAlerts over the subscriber table aliased `r`: confirmed and not bounced. */
const RECEIVES_EMAIL = `r.status = 'confirmed' AND r.bounced_at IS NULL`;

/** A subscriber `r` who takes the daily digest now (the predicate of index subscribers_digest_idx). */
export const TAKES_DIGEST = `r.frequency = 'daily-digest' AND ${RECEIVES_EMAIL}`;

/** Email subscribers who get the alert: confirmed, not bounced, and interested. */
export const EMAIL_RECIPIENTS = `SELECT ${RECIPIENT_COLUMNS} FROM subscribers r WHERE ${RECEIVES_EMAIL} AND ${MATCHES_ARTICLE}`;

/** Push subscriptions that get the alert: active, not expired, and interested. */
export const PUSH_RECIPIENTS = `SELECT ${RECIPIENT_COLUMNS} FROM push_subscriptions r
  WHERE r.active AND (r.expiration_time IS NULL OR r.expiration_time > now()) AND ${MATCHES_ARTICLE}`;
