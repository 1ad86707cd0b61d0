package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

import java.time.Instant;
import java.util.Optional;

/** Admins only: the access log, optionally of one chapter (0 = all) within [from, to). */
public record ListContentAccessQuery(Actor actor, int chapterNumber, Optional<Instant> from, Optional<Instant> to,
                                     int pageSize, String pageToken) {
}
