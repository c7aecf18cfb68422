import { Column } from 'typeorm';
import type { Preferences } from '../domain/preferences';

/**
 * What a recipient wants alerts about, as stored: the same three columns in
 * `subscribers` and `push_subscriptions`, embedded without a prefix, so the
 * fan-out can match both with one SQL rule.
 */
export class PreferenceColumns implements Preferences {
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  sections!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags!: string[];

  @Column({ type: 'boolean', default: false })
  breakingOnly!: boolean;
}

export function toPreferenceColumns(preferences: Preferences): PreferenceColumns {
  return { sections: [...preferences.sections], tags: [...preferences.tags], breakingOnly: preferences.breakingOnly };
}
