package dev.prompttracker.application.port.in;

/**
 * Indexes the text of bodies stored before the search index existed (the migration could index only
 * titles, previews, models and tags: bodies live in blob storage). Idempotent; run at start-up.
 */
public interface IndexSearchBodiesUseCase {
    /** One bounded pass; returns how many bodies it indexed, 0 when none was left. */
    int indexMissingBodies();
}
