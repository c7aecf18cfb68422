import { Injectable } from '@nestjs/common';
import { isTagLabelOf } from '@newsroom/contracts';
import { UnitOfWork } from '@newsroom/persistence';

/**
 * The words each tag was typed as on the newest story that named it (`tag_names`): what
 * confirmation and preference pages call a followed tag. Written in the unit of work of the
 * publishing event that carried them; an event older than the stored name changes nothing.
 */
@Injectable()
export class TagNameRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  /** Keeps `labels` (tag → words, ArticlePublishedData.tagLabels) as of `at`, unless a name from a later event is stored. */
  async remember(labels: Readonly<Record<string, string>> | undefined, at: Date): Promise<void> {
    const entries = Object.entries(labels ?? {});
    if (entries.length === 0) return;
    await this.unitOfWork.manager.query(
      `INSERT INTO tag_names (tag, name, named_at)
       SELECT tag, name, $3 FROM unnest($1::text[], $2::text[]) AS t(tag, name)
       ON CONFLICT (tag) DO UPDATE SET name = EXCLUDED.name, named_at = EXCLUDED.named_at WHERE tag_names.named_at <= EXCLUDED.named_at`,
      [entries.map(([tag]) => tag), entries.map(([, name]) => name), at],
    );
  }

  /**
   * Keeps the words a reader typed their followed `tags` as (`labels`, tag → words), for a tag
   * no story has named yet: a story's words, from `remember`, always win (a reader's are stored
   * as of the earliest instant), and a reader's never replace a name already kept. Words that
   * do not spell their tag (isTagLabelOf) are skipped, so a reader can respell a tag ("Київ",
   * "Gdańsk Street") but never name another.
   */
  async rememberTyped(labels: Readonly<Record<string, string>> | undefined, tags: readonly string[]): Promise<void> {
    const entries = Object.entries(labels ?? {}).filter(([tag, name]) => tags.includes(tag) && isTagLabelOf(name, tag));
    if (entries.length === 0) return;
    await this.unitOfWork.manager.query(
      `INSERT INTO tag_names (tag, name, named_at)
       SELECT tag, name, '-infinity' FROM unnest($1::text[], $2::text[]) AS t(tag, name)
       ON CONFLICT (tag) DO NOTHING`,
      [entries.map(([tag]) => tag), entries.map(([, name]) => name)],
    );
  }

  /** The stored names of `tags`; a tag without one is left out. */
  async namesOf(tags: readonly string[]): Promise<Record<string, string>> {
    if (tags.length === 0) return {};
    const rows: { tag: string; name: string }[] = await this.unitOfWork.manager.query(`SELECT tag, name FROM tag_names WHERE tag = ANY($1::text[])`, [tags]);
    return Object.fromEntries(rows.map((row) => [row.tag, row.name]));
  }
}
