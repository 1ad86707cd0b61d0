package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.progress.ProgressSummary;
import dev.prompttracker.domain.progress.ReadingProgress;

import java.util.List;

/** A reader's progress in every chapter, with the totals. */
public record ProgressReport(List<ReadingProgress> chapters, ProgressSummary summary) {
    public ProgressReport {
        chapters = List.copyOf(chapters);
    }
}
