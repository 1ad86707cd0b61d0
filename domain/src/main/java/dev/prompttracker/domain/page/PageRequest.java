package dev.prompttracker.domain.page;

import java.util.Objects;
import java.util.Optional;

/** Which page to read: its size and where the previous one ended. */
public record PageRequest(PageSize size, Optional<PageCursor> after) {
    public PageRequest {
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(after, "after");
    }

    public static PageRequest first(int size) {
        return new PageRequest(PageSize.of(size), Optional.empty());
    }
}
