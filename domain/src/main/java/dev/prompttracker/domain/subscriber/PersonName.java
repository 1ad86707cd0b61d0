package dev.prompttracker.domain.subscriber;

import dev.prompttracker.domain.content.Text;
import dev.prompttracker.domain.error.Invalid;

import java.util.Objects;
import java.util.Optional;

/** A first or last name as the subscriber typed it: trimmed, 1–{@value #MAX_LENGTH} characters, one line. */
public record PersonName(String value) {
    public static final int MAX_LENGTH = 100;

    public PersonName {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || Text.length(value) > MAX_LENGTH || Text.hasAnyControlCharacter(value)) {
            throw new IllegalArgumentException("invalid name");
        }
    }

    /** Empty for a missing or blank name; {@link Invalid} naming {@code field} for one that is too long. */
    public static Optional<PersonName> parseOptional(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String name = raw.strip();
        if (Text.length(name) > MAX_LENGTH || Text.hasAnyControlCharacter(name)) {
            throw Invalid.field(field, "must be at most " + MAX_LENGTH + " characters on one line");
        }
        return Optional.of(new PersonName(name));
    }
}
