package dev.prompttracker.domain.collection;

import dev.prompttracker.domain.content.Text;
import dev.prompttracker.domain.error.Invalid;

import java.util.Objects;

/** A collection's name: trimmed, 1 to {@value #MAX_LENGTH} characters, one line. */
public record CollectionName(String value) {
    public static final int MAX_LENGTH = 100;

    public CollectionName {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw Invalid.field("name", "must not be blank");
        }
        if (!value.equals(value.strip())) {
            throw new IllegalArgumentException("a name is stored trimmed");
        }
        if (Text.length(value) > MAX_LENGTH) {
            throw Invalid.field("name", "must be at most " + MAX_LENGTH + " characters");
        }
        if (Text.hasAnyControlCharacter(value)) {
            throw Invalid.field("name", "must be a single line without control characters");
        }
    }

    /** From user input: trimmed first; missing or blank is invalid. */
    public static CollectionName parse(String raw) {
        return new CollectionName(raw == null ? "" : raw.strip());
    }
}
