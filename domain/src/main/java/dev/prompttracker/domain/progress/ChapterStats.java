package dev.prompttracker.domain.progress;

import java.util.Objects;

/** How a chapter is read across all readers, for the admin's analytics. */
public record ChapterStats(ChapterNumber chapter, int readers, int completions, double averageTimeSpentSeconds) {
    public ChapterStats {
        Objects.requireNonNull(chapter, "chapter");
        if (readers < 0 || completions < 0 || completions > readers || averageTimeSpentSeconds < 0) {
            throw new IllegalArgumentException("inconsistent chapter statistics");
        }
    }

    /** Completions per reader, from 0 to 1 (0 when nobody read the chapter). */
    public double completionRate() {
        return readers == 0 ? 0 : (double) completions / readers;
    }
}
