package dev.prompttracker.application.contract;

import dev.prompttracker.application.port.out.ProgressRepository;
import dev.prompttracker.domain.progress.ChapterNumber;
import dev.prompttracker.domain.progress.ChapterStats;
import dev.prompttracker.domain.progress.ProgressUpdate;
import dev.prompttracker.domain.progress.ReadingProgress;
import dev.prompttracker.domain.user.Email;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

public interface ProgressRepositoryContract {

    ProgressRepository progress();

    private static ProgressUpdate update(boolean completed, int seconds, Set<String> videos) {
        return new ProgressUpdate(completed, seconds, videos, Set.of());
    }

    /** Merges and checks that the store now holds what the domain's rule makes of the state it reported. */
    private ReadingProgress merge(Email reader, int chapter, ProgressUpdate update, Instant now) {
        Optional<ReadingProgress> before = progress().merge(reader, ChapterNumber.of(chapter), update, now);
        ReadingProgress expected = before.map(p -> p.merge(update, now))
                .orElseGet(() -> ReadingProgress.start(reader, ChapterNumber.of(chapter), update, now));
        assertThat(progress().find(reader, ChapterNumber.of(chapter))).contains(expected);
        return expected;
    }

    @Test
    default void theFirstReportStartsAChapter() {
        Email reader = Email.parse(Fixtures.uniqueEmail());
        ProgressUpdate first = new ProgressUpdate(false, 120, Set.of("intro", "b-roll"), Set.of("quiz-1"));
        assertThat(progress().merge(reader, ChapterNumber.of(3), first, Fixtures.T0)).isEmpty();
        assertThat(progress().find(reader, ChapterNumber.of(3)))
                .contains(ReadingProgress.start(reader, ChapterNumber.of(3), first, Fixtures.T0));
        assertThat(progress().find(reader, ChapterNumber.of(4))).isEmpty();
        assertThat(progress().find(Email.parse(Fixtures.uniqueEmail()), ChapterNumber.of(3))).isEmpty();
    }

    @Test
    default void laterReportsMergeByTheDomainsRule() {
        Email reader = Email.parse(Fixtures.uniqueEmail());
        ReadingProgress started = merge(reader, 1, new ProgressUpdate(true, 60, Set.of("a", "c"), Set.of("q1")),
                Fixtures.T0);
        ReadingProgress second = merge(reader, 1, new ProgressUpdate(false, 30, Set.of("b", "a"), Set.of()),
                Fixtures.T0.plusSeconds(5));
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.completed()).as("completed never reverts").isTrue();
        assertThat(second.timeSpentSeconds()).isEqualTo(90);
        assertThat(second.videosWatched()).containsExactly("a", "b", "c");
        assertThat(second.quizzesPassed()).containsExactly("q1");
        assertThat(second.createdAt()).isEqualTo(started.createdAt());
        ReadingProgress late = merge(reader, 1, new ProgressUpdate(false, 0, Set.of(), Set.of("q2", "Q1", "ü")),
                Fixtures.T0.plusSeconds(2));
        assertThat(late.updatedAt()).as("a report with an earlier clock keeps the later time")
                .isEqualTo(Fixtures.T0.plusSeconds(5));
        assertThat(late.quizzesPassed()).containsExactly("Q1", "q1", "q2", "ü");
        assertThat(late.version()).isEqualTo(3);
    }

    @Test
    default void concurrentReportsAllCount() throws Exception {
        Email reader = Email.parse(Fixtures.uniqueEmail());
        // Opened here, once: a store may be opened on first use.
        ProgressRepository repository = progress();
        int reports = 8;
        ExecutorService pool = Executors.newFixedThreadPool(reports);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Optional<ReadingProgress>>> sent = new ArrayList<>();
            for (int i = 0; i < reports; i++) {
                ProgressUpdate update = update(false, 10, Set.of("video-" + i));
                sent.add(pool.submit(() -> {
                    start.await();
                    return repository.merge(reader, ChapterNumber.of(2), update, Fixtures.T0);
                }));
            }
            start.countDown();
            List<Long> versionsBefore = new ArrayList<>();
            for (Future<Optional<ReadingProgress>> each : sent) {
                versionsBefore.add(each.get().map(ReadingProgress::version).orElse(0L));
            }
            assertThat(versionsBefore).as("each merged into a different state")
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(0, reports).mapToObj(Long::valueOf).toList());
        } finally {
            pool.shutdownNow();
        }
        ReadingProgress stored = progress().find(reader, ChapterNumber.of(2)).orElseThrow();
        assertThat(stored.timeSpentSeconds()).isEqualTo(10L * reports);
        assertThat(stored.version()).isEqualTo(reports);
        assertThat(stored.videosWatched()).isEqualTo(new TreeSet<>(IntStream.range(0, reports)
                .mapToObj(i -> "video-" + i).toList()));
    }

    @Test
    default void listsAReadersChaptersInOrder() {
        Email reader = Email.parse(Fixtures.uniqueEmail());
        for (int chapter : List.of(7, 2, 5)) {
            merge(reader, chapter, update(false, chapter, Set.of()), Fixtures.T0);
        }
        merge(Email.parse(Fixtures.uniqueEmail()), 1, update(false, 1, Set.of()), Fixtures.T0);
        assertThat(progress().listByEmail(reader)).extracting(p -> p.chapter().value()).containsExactly(2, 5, 7);
    }

    @Test
    default void aggregatesEachChapter() {
        int chapter = 9000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(900);
        merge(Email.parse(Fixtures.uniqueEmail()), chapter, update(true, 100, Set.of()), Fixtures.T0);
        merge(Email.parse(Fixtures.uniqueEmail()), chapter, update(false, 50, Set.of()), Fixtures.T0);
        merge(Email.parse(Fixtures.uniqueEmail()), chapter, update(true, 0, Set.of()), Fixtures.T0);
        ChapterStats stats = progress().chapterStats().stream().filter(s -> s.chapter().value() == chapter)
                .findFirst().orElseThrow();
        assertThat(stats.readers()).isEqualTo(3);
        assertThat(stats.completions()).isEqualTo(2);
        assertThat(stats.completionRate()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(stats.averageTimeSpentSeconds()).isCloseTo(50.0, within(1e-9));
        assertThat(progress().chapterStats()).extracting(s -> s.chapter().value()).isSorted();
    }
}
