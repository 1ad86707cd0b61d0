package dev.prompttracker.domain.progress;

import java.util.Collection;

/** A reader's totals over every chapter. */
public record ProgressSummary(int chaptersCompleted, long totalTimeSpentSeconds) {

    public static ProgressSummary of(Collection<ReadingProgress> chapters) {
        int completed = 0;
        long total = 0;
        for (ReadingProgress chapter : chapters) {
            completed += chapter.completed() ? 1 : 0;
            total += chapter.timeSpentSeconds();
        }
        return new ProgressSummary(completed, total);
    }
}
