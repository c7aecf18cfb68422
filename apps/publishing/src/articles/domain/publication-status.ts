/**
 * Where an article stands publicly. `scheduled`: approved, never public yet, waiting for its
 * time. `published`: live (a newer approved revision may be waiting for its own time).
 * `withdrawn`: taken down by an editor; its URL answers 410.
 */
export const PUBLICATION_STATUSES = ['scheduled', 'published', 'withdrawn'] as const;
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number];
