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
import dev.prompttracker.domain.error.InputCheck;
import dev.prompttracker.domain.progress.ChapterNumber;
import dev.prompttracker.domain.progress.ChapterStats;
import dev.prompttracker.domain.progress.ProgressSummary;
import dev.prompttracker.domain.progress.ProgressUpdate;
import dev.prompttracker.domain.progress.ReadingProgress;
import dev.prompttracker.domain.user.Email;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reading progress per chapter. Each report is merged by the domain's rule, which the store applies
 * in place in one atomic step, so concurrent reports all count.
 */
final class ProgressService implements RecordProgressUseCase, GetProgressUseCase, GetProgressAnalyticsUseCase {
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
        // One call to the store merges in place (no read, then a versioned write, then a retry on a race);
        // the answer is the domain's merge of the progress the store merged into.
        Email email = actor.provenEmail();
        Instant now = clock.instant();
        return progress.merge(email, chapter.orElseThrow(), update.orElseThrow(), now)
                .map(before -> before.merge(update.orElseThrow(), now))
                .orElseGet(() -> ReadingProgress.start(email, chapter.orElseThrow(), update.orElseThrow(), now));
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
