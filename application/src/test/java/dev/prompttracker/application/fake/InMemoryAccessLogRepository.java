package dev.prompttracker.application.fake;

import dev.prompttracker.application.port.out.AccessLogRepository;
import dev.prompttracker.domain.access.ContentAccess;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.page.Page;
import dev.prompttracker.domain.page.PageCursor;
import dev.prompttracker.domain.page.PageRequest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

public final class InMemoryAccessLogRepository implements AccessLogRepository {
    private static final Comparator<ContentAccess> NEWEST_FIRST = Comparator.comparing(ContentAccess::at)
            .thenComparing(ContentAccess::id).reversed();
    private final List<ContentAccess> entries = new ArrayList<>();

    @Override
    public synchronized void append(ContentAccess entry) {
        if (entries.stream().anyMatch(e -> e.id().equals(entry.id()))) {
            throw new Conflict("this entry already exists");
        }
        entries.add(entry);
    }

    @Override
    public synchronized Page<ContentAccess> list(AccessLogFilter filter, PageRequest page) {
        int size = page.size().value();
        List<ContentAccess> found = entries.stream()
                .filter(e -> filter.chapter().map(c -> c.equals(e.chapter())).orElse(true))
                .filter(e -> filter.from().map(from -> !e.at().isBefore(from)).orElse(true))
                .filter(e -> filter.to().map(to -> e.at().isBefore(to)).orElse(true))
                .filter(e -> page.after().map(cursor -> e.at().isBefore(cursor.at())
                        || (e.at().equals(cursor.at()) && e.id().compareTo(cursor.id()) < 0)).orElse(true))
                .sorted(NEWEST_FIRST).limit(size + 1L).toList();
        List<ContentAccess> items = found.stream().limit(size).toList();
        Optional<PageCursor> next = found.size() > size
                ? Optional.of(new PageCursor(items.getLast().at(), items.getLast().id()))
                : Optional.empty();
        return new Page<>(items, next);
    }
}
