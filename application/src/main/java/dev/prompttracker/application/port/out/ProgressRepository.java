package dev.prompttracker.application.port.out;

import dev.prompttracker.domain.progress.ChapterNumber;
import dev.prompttracker.domain.progress.ChapterStats;
import dev.prompttracker.domain.progress.ProgressUpdate;
import dev.prompttracker.domain.progress.ReadingProgress;
import dev.prompttracker.domain.user.Email;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reading progress, one row per (email, chapter). */
public interface ProgressRepository {

    Optional<ReadingProgress> find(Email email, ChapterNumber chapter);

    /**
     * Merges one report into the reader's progress in the chapter at {@code now}, in one atomic step (one
     * call to the store): the stored progress becomes {@link ReadingProgress#merge} of it, or
     * {@link ReadingProgress#start} when there is none. Concurrent reports all count. Returns the progress
     * as it was just before (empty when there was none), from which the caller computes the same result.
     */
    Optional<ReadingProgress> merge(Email email, ChapterNumber chapter, ProgressUpdate update, Instant now);

    /** The reader's progress in every chapter they opened, by chapter number. */
    List<ReadingProgress> listByEmail(Email email);

    /** Per chapter: readers, completions and average time, aggregated by the store (not by loading rows). */
    List<ChapterStats> chapterStats();
}
