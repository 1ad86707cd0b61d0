package dev.prompttracker.application.fake;

import dev.prompttracker.application.port.out.ProgressRepository;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.error.NotFound;
import dev.prompttracker.domain.progress.ChapterNumber;
import dev.prompttracker.domain.progress.ChapterStats;
import dev.prompttracker.domain.progress.ReadingProgress;
import dev.prompttracker.domain.user.Email;

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
    public synchronized void create(ReadingProgress progress) {
        if (rows.putIfAbsent(new Key(progress.email(), progress.chapter().value()), progress) != null) {
            throw new Conflict("progress for this chapter already exists");
        }
    }

    @Override
    public synchronized void update(ReadingProgress revised) {
        Key key = new Key(revised.email(), revised.chapter().value());
        ReadingProgress stored = rows.get(key);
        if (stored == null) {
            throw new NotFound("no progress for this chapter");
        }
        if (stored.version() != revised.version() - 1) {
            throw new Conflict("progress changed at the same time");
        }
        rows.put(key, revised);
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
