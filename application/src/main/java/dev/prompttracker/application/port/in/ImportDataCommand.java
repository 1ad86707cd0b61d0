package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

import java.util.Iterator;
import java.util.Objects;

/**
 * An upload in {@code format}, read as it is iterated. The iterator may throw (the upload is not this
 * format, or is over a size limit): the import stops there and the records before it stay.
 */
public record ImportDataCommand(Actor actor, String format, Iterator<ImportItem> items) {
    public ImportDataCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(items, "items");
    }
}
