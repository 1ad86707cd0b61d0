package dev.prompttracker.application.fake;

import dev.prompttracker.application.port.out.ProgressRepository;
import dev.prompttracker.domain.progress.ChapterNumber;
import dev.prompttracker.domain.progress.ChapterStats;
import dev.prompttracker.domain.progress.ProgressUpdate;
import dev.prompttracker.domain.progress.ReadingProgress;
import dev.prompttracker.domain.user.Email;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

public final class InMemoryProgressRepository implements ProgressRepository {
    private record Key(Email email, int chapter) {
    }

    private final Map<Key, ReadingProgress> rows = new java.util.LinkedHashMap<>();

    @Override
    public synchronized Optional<ReadingProgress> find(Email email, ChapterNumber chapter) {
        return Optional.ofNullable(rows.get(new Key(email, chapter.value())));
    }

    @Override
    public synchronized Optional<ReadingProgress> merge(Email email, ChapterNumber chapter, ProgressUpdate update,
                                                        Instant now) {
        Key key = new Key(email, chapter.value());
        Optional<ReadingProgress> before = Optional.ofNullable(rows.get(key));
        rows.put(key, before.map(p -> p.merge(update, now)).orElseGet(() -> ReadingProgress.start(email, chapter,
                update, now)));
        return before;
    }

    @Override
    public synchronized List<ReadingProgress> listByEmail(Email email) {
        return rows.values().stream().filter(p -> p.email().equals(email))
                .sorted(Comparator.comparingInt(p -> p.chapter().value())).toList();
    }

    @Override
    public synchronized List<ChapterStats> chapterStats() {
        Map<Integer, List<ReadingProgress>> byChapter = new TreeMap<>();
        rows.values().forEach(p -> byChapter.computeIfAbsent(p.chapter().value(), c -> new ArrayList<>()).add(p));
        List<ChapterStats> stats = new ArrayList<>();
        byChapter.forEach((chapter, readers) -> stats.add(new ChapterStats(ChapterNumber.of(chapter), readers.size(),
                (int) readers.stream().filter(ReadingProgress::completed).count(),
                readers.stream().mapToLong(ReadingProgress::timeSpentSeconds).average().orElse(0))));
        return stats;
    }
}
