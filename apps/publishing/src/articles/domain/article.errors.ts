import { DomainError, type ValidationIssue } from '@newsroom/contracts';
import type { PublicationStatus } from './publication-status';

export const articleNotFound = (id: string) => new DomainError('ARTICLE.NOT_FOUND', `No published article with id ${id}`, 'not_found');

export const articleNotPublished = (id: string, status: PublicationStatus) =>
  new DomainError(
    'ARTICLE.NOT_PUBLISHED',
    status === 'scheduled'
      ? `Article ${id} is scheduled and not live yet; only a live article can be corrected or unpublished`
      : `Article ${id} has been withdrawn; only a live article can be corrected or unpublished`,
    'conflict',
    { status },
  );

export const invalidCorrection = (issues: ValidationIssue[]) =>
  new DomainError(
    'ARTICLE.INVALID_CORRECTION',
    `The corrected article would not be valid: ${issues.map((issue) => issue.message).join('; ')}`,
    'validation',
    issues,
  );
