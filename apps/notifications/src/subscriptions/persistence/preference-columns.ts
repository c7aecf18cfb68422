import { Column } from 'typeorm';
import type { Frequency, Preferences } from '../domain/preferences';

/**
 * What a recipient wants alerts about, as stored: the same columns in `subscribers` and
 * `push_subscriptions`, embedded without a prefix, so the fan-out can match both with one
 * SQL rule. Quiet hours are two `time` columns (both null when there are none).
 */
export class PreferenceColumns {
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  sections!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags!: string[];

  @Column({ type: 'text', default: 'every-story' })
  frequency!: Frequency;

  /** frequency = 'breaking-only', as the fan-out's SQL reads it. */
  @Column({ type: 'boolean', default: false })
  breakingOnly!: boolean;

  @Column({ type: 'text', default: 'UTC' })
  timeZone!: string;

  /** `HH:MM:SS` as PostgreSQL writes a time. */
  @Column({ type: 'time', nullable: true })
  quietHoursStart!: string | null;

  @Column({ type: 'time', nullable: true })
  quietHoursEnd!: string | null;
}

export function toPreferenceColumns(preferences: Preferences): PreferenceColumns {
  return {
    sections: [...preferences.sections],
    tags: [...preferences.tags],
    frequency: preferences.frequency,
    breakingOnly: preferences.breakingOnly,
    timeZone: preferences.timeZone,
    quietHoursStart: preferences.quietHours?.start ?? null,
    quietHoursEnd: preferences.quietHours?.end ?? null,
  };
}

export function fromPreferenceColumns(columns: PreferenceColumns): Preferences {
  const { quietHoursStart: start, quietHoursEnd: end } = columns;
  return {
    sections: [...columns.sections],
    tags: [...columns.tags],
    frequency: columns.frequency,
    breakingOnly: columns.breakingOnly,
    timeZone: columns.timeZone,
    quietHours: start !== null && end !== null ? { start: start.slice(0, 5), end: end.slice(0, 5) } : null,
  };
}

/** The preference columns' values in the order of PREFERENCE_COLUMN_NAMES, for an INSERT. */
export function preferenceColumnValues(preferences: Preferences): unknown[] {
  const columns = toPreferenceColumns(preferences);
  return [columns.sections, columns.tags, columns.frequency, columns.breakingOnly, columns.timeZone, columns.quietHoursStart, columns.quietHoursEnd];
}

/** The preference columns as SQL names them, in the order of preferenceColumnValues(). */
export const PREFERENCE_COLUMN_NAMES = 'sections, tags, frequency, breaking_only, time_zone, quiet_hours_start, quiet_hours_end';

/** An upsert's SET of every preference column to the row it tried to insert (`col = EXCLUDED.col, …`). */
export const PREFERENCE_COLUMNS_FROM_EXCLUDED = PREFERENCE_COLUMN_NAMES.split(', ')
  .map((name) => `${name} = EXCLUDED.${name}`)
  .join(', ');
