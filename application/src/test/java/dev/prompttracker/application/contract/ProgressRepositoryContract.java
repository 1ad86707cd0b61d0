package dev.prompttracker.application.contract;

import dev.prompttracker.application.port.out.ProgressRepository;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.progress.ChapterNumber;
import dev.prompttracker.domain.progress.ChapterStats;
import dev.prompttracker.domain.progress.ProgressUpdate;
import dev.prompttracker.domain.progress.ReadingProgress;
import dev.prompttracker.domain.user.Email;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

public interface ProgressRepositoryContract {

    ProgressRepository progress();

    private static ProgressUpdate update(boolean completed, int seconds, Set<String> videos) {
        return new ProgressUpdate(completed, seconds, videos, Set.of());
    }

    @Test
    default void storesTheFirstReportAndRefusesASecondFirst() {
        Email reader = Email.parse(Fixtures.uniqueEmail());
        ReadingProgress started = ReadingProgress.start(reader, ChapterNumber.of(3),
                new ProgressUpdate(false, 120, Set.of("intro"), Set.of("quiz-1")), Fixtures.T0);
        progress().create(started);
        assertThat(progress().find(reader, ChapterNumber.of(3))).contains(started);
        assertThat(progress().find(reader, ChapterNumber.of(4))).isEmpty();
        assertThatThrownBy(() -> progress().create(ReadingProgress.start(reader, ChapterNumber.of(3),
                update(true, 1, Set.of()), Fixtures.T0))).isInstanceOf(Conflict.class);
    }

    @Test
    default void updatesOnlyFromTheCurrentVersion() {
        Email reader = Email.parse(Fixtures.uniqueEmail());
        ReadingProgress started = ReadingProgress.start(reader, ChapterNumber.of(1), update(false, 60, Set.of("a")),
                Fixtures.T0);
        progress().create(started);
        ReadingProgress merged = started.merge(update(true, 30, Set.of("b")), Fixtures.T0.plusSeconds(5));
        progress().update(merged);
        assertThat(progress().find(reader, ChapterNumber.of(1))).contains(merged);
        assertThat(merged.videosWatched()).containsExactly("a", "b");
        ReadingProgress stale = started.merge(update(false, 1, Set.of()), Fixtures.T0.plusSeconds(6));
        assertThatThrownBy(() -> progress().update(stale)).isInstanceOf(Conflict.class);
        assertThat(progress().find(reader, ChapterNumber.of(1))).contains(merged);
    }

    @Test
    default void listsAReadersChaptersInOrder() {
        Email reader = Email.parse(Fixtures.uniqueEmail());
        for (int chapter : List.of(7, 2, 5)) {
            progress().create(ReadingProgress.start(reader, ChapterNumber.of(chapter), update(false, chapter, Set.of()),
                    Fixtures.T0));
        }
        progress().create(ReadingProgress.start(Email.parse(Fixtures.uniqueEmail()), ChapterNumber.of(1),
                update(false, 1, Set.of()), Fixtures.T0));
        assertThat(progress().listByEmail(reader)).extracting(p -> p.chapter().value()).containsExactly(2, 5, 7);
    }

    @Test
    default void aggregatesEachChapter() {
        int chapter = 9000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(900);
        progress().create(ReadingProgress.start(Email.parse(Fixtures.uniqueEmail()), ChapterNumber.of(chapter),
                update(true, 100, Set.of()), Fixtures.T0));
        progress().create(ReadingProgress.start(Email.parse(Fixtures.uniqueEmail()), ChapterNumber.of(chapter),
                update(false, 50, Set.of()), Fixtures.T0));
        progress().create(ReadingProgress.start(Email.parse(Fixtures.uniqueEmail()), ChapterNumber.of(chapter),
                update(true, 0, Set.of()), Fixtures.T0));
        ChapterStats stats = progress().chapterStats().stream().filter(s -> s.chapter().value() == chapter)
                .findFirst().orElseThrow();
        assertThat(stats.readers()).isEqualTo(3);
        assertThat(stats.completions()).isEqualTo(2);
        assertThat(stats.completionRate()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(stats.averageTimeSpentSeconds()).isCloseTo(50.0, within(1e-9));
        assertThat(progress().chapterStats()).extracting(s -> s.chapter().value()).isSorted();
    }
}
