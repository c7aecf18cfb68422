/**
 * Where an article stands publicly. `scheduled`: approved, never public yet, waiting for its
 * time. `published`: live (a newer approved revision may be waiting for its own time).
 * `withdrawn`: taken down by an editor; its URL answers 410 with a notice, metadata kept.
 * `cancelled`: never went live and an editor cancelled what was waiting; a newer approval
 * may schedule it again. `killed`: removed for legal reasons; its text and metadata are gone,
 * its URL answers 410 saying nothing, and nothing brings it back.
 */
export const PUBLICATION_STATUSES = ['scheduled', 'published', 'withdrawn', 'cancelled', 'killed'] as const;
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number];
