package dev.prompttracker.application.service;

import dev.prompttracker.application.port.in.GetProgressAnalyticsQuery;
import dev.prompttracker.application.port.in.GetProgressAnalyticsUseCase;
import dev.prompttracker.application.port.in.GetProgressQuery;
import dev.prompttracker.application.port.in.GetProgressUseCase;
import dev.prompttracker.application.port.in.ProgressReport;
import dev.prompttracker.application.port.in.RecordProgressCommand;
import dev.prompttracker.application.port.in.RecordProgressUseCase;
import dev.prompttracker.application.port.out.ProgressRepository;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.error.InputCheck;
import dev.prompttracker.domain.progress.ChapterNumber;
import dev.prompttracker.domain.progress.ChapterStats;
import dev.prompttracker.domain.progress.ProgressSummary;
import dev.prompttracker.domain.progress.ProgressUpdate;
import dev.prompttracker.domain.progress.ReadingProgress;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Reading progress per chapter. Each report is merged by the domain's rule and written with a
 * version check; when another report for the same chapter wins the race, the merge is redone on
 * what it wrote, so concurrent reports all count.
 */
final class ProgressService implements RecordProgressUseCase, GetProgressUseCase, GetProgressAnalyticsUseCase {
    private static final int MAX_ATTEMPTS = 10;

    private final ProgressRepository progress;
    private final Readers readers;
    private final Quotas quotas;
    private final Clock clock;

    ProgressService(ProgressRepository progress, Readers readers, Quotas quotas, Clock clock) {
        this.progress = progress;
        this.readers = readers;
        this.quotas = quotas;
        this.clock = clock;
    }

    @Override
    public ReadingProgress recordProgress(RecordProgressCommand command) {
        Actor.SignedIn actor = AuthService.signedIn(command.actor());
        InputCheck check = new InputCheck();
        Optional<ChapterNumber> chapter = check.field(() -> ChapterNumber.of(command.chapterNumber()));
        Optional<ProgressUpdate> update = check.field(() -> ProgressUpdate.parse(command.completed(),
                command.timeSpentSeconds(), command.videosWatched(), command.quizzesPassed()));
        check.done();
        quotas.write(actor.id());
        readers.require(actor);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<ReadingProgress> current = progress.find(actor.provenEmail(), chapter.orElseThrow());
            try {
                if (current.isEmpty()) {
                    ReadingProgress started = ReadingProgress.start(actor.provenEmail(), chapter.orElseThrow(),
                            update.orElseThrow(), clock.instant());
                    progress.create(started);
                    return started;
                }
                ReadingProgress merged = current.get().merge(update.orElseThrow(), clock.instant());
                progress.update(merged);
                return merged;
            } catch (Conflict concurrentReport) {
                // Someone else's report for this chapter landed first: merge into theirs.
            }
        }
        throw new Conflict("this chapter's progress is changing too fast; try again");
    }

    @Override
    public ProgressReport progress(GetProgressQuery query) {
        Actor.SignedIn actor = AuthService.signedIn(query.actor());
        List<ReadingProgress> chapters = progress.listByEmail(actor.provenEmail());
        return new ProgressReport(chapters, ProgressSummary.of(chapters));
    }

    @Override
    public List<ChapterStats> progressAnalytics(GetProgressAnalyticsQuery query) {
        Roles.admin(query.actor());
        return progress.chapterStats();
    }
}
