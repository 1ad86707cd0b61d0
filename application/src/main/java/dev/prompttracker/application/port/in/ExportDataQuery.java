package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

import java.util.Objects;

/** Everything of the caller's, in {@code format} ("jsonl", also when empty). */
public record ExportDataQuery(Actor actor, String format) {
    public ExportDataQuery {
        Objects.requireNonNull(actor, "actor");
        format = format == null ? "" : format;
    }
}
