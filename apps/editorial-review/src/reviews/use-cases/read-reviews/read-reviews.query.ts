import { Injectable } from '@nestjs/common';
import { reviewNotFound } from '../../domain/review.errors';
import { ReviewRepository, type ReviewListFilter } from '../../persistence/review.repository';
import { toReviewSummary, toReviewView, type ReviewList, type ReviewView } from './review.views';

/** The queue and the full review of one article, for editors. */
@Injectable()
export class ReadReviewsQuery {
  constructor(private readonly reviews: ReviewRepository) {}

  /** The queue, oldest submission first: every review, or those in `status`, and of `section` (the revision under review's). */
  async list(filter: ReviewListFilter): Promise<ReviewList> {
    const [rows, total] = await this.reviews.list(filter);
    return { items: rows.map(toReviewSummary), total };
  }

  async get(articleId: string): Promise<ReviewView> {
    const row = await this.reviews.findItem(articleId);
    if (!row) throw reviewNotFound(articleId);
    const [submissions, comments, decisions] = await Promise.all([
      this.reviews.submissions(articleId),
      this.reviews.comments(articleId),
      this.reviews.decisions(articleId),
    ]);
    return toReviewView(row, submissions, comments, decisions);
  }
}
