package dev.prompttracker.application.port.out;

import dev.prompttracker.domain.access.ContentAccess;
import dev.prompttracker.domain.page.Page;
import dev.prompttracker.domain.page.PageRequest;
import dev.prompttracker.domain.progress.ChapterNumber;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The append-only log of who opened, downloaded or shared which chapter. */
public interface AccessLogRepository {

    void append(ContentAccess entry);

    /** Newest first, optionally one chapter and a time range [from, to). */
    Page<ContentAccess> list(AccessLogFilter filter, PageRequest page);

    record AccessLogFilter(Optional<ChapterNumber> chapter, Optional<Instant> from, Optional<Instant> to) {
        public AccessLogFilter {
            Objects.requireNonNull(chapter, "chapter");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }
}
