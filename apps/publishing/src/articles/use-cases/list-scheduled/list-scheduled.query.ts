import { Injectable } from '@nestjs/common';
import type { ArticleContent, CorrectableField } from '@newsroom/contracts';
import { ArticleRepository } from '../../persistence/article.repository';
import type { ListScheduledCommand } from './list-scheduled.command';

/** One revision waiting for its time, as editors see it. */
export interface ScheduledItem {
  articleId: string;
  revision: number;
  headline: string;
  section: string;
  /** When it goes live: the later of the schedule and the embargo. */
  dueAt: Date;
  /** The schedule an editor may move, when one was given. */
  publishAt: Date | null;
  /** The embargo, which holds whatever the schedule says. */
  embargoUntil: Date | null;
  /** True when it will replace the text of a live story (an update). */
  updatesLive: boolean;
  /** The live address, for an update. */
  slug: string | null;
  content: ArticleContent;
  /**
   * For an update: the fields corrected on the live text since it was approved that this
   * revision takes as it goes live (`carried`), and those it rewrote itself, which go live in its
   * own words without the correction (`notCarried`); both empty when nothing is to carry.
   */
  corrections: { carried: CorrectableField[]; notCarried: CorrectableField[] };
}

/** Editors' view of the schedule: every revision waiting for its time, soonest first, with what it does to corrections of the live text. */
@Injectable()
export class ListScheduledQuery {
  constructor(private readonly articles: ArticleRepository) {}

  /** A page of it, and how many revisions wait in all. */
  async execute(command: ListScheduledCommand): Promise<{ items: ScheduledItem[]; total: number }> {
    const { articles: waiting, total } = await this.articles.scheduled(command.limit, command.offset ?? 0);
    const items = waiting.flatMap((article) => {
      const { pending, status, slug } = article.snapshot();
      if (!pending) return [];
      const carry = article.correctionCarryInto(pending.content);
      return [
        {
          articleId: article.id,
          revision: pending.revision,
          headline: pending.content.headline,
          section: pending.content.section,
          dueAt: pending.dueAt,
          publishAt: pending.publishAt,
          embargoUntil: pending.embargoUntil,
          updatesLive: status === 'published',
          slug,
          content: pending.content,
          corrections: { carried: carry?.applied ?? [], notCarried: carry?.kept ?? [] },
        },
      ];
    });
    return { items, total };
  }
}
