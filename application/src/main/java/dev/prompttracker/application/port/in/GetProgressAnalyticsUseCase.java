package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.progress.ChapterStats;

import java.util.List;

public interface GetProgressAnalyticsUseCase {
    /** Admins only: per chapter, readers, completions, completion rate and average time. */
    List<ChapterStats> progressAnalytics(GetProgressAnalyticsQuery query);
}
