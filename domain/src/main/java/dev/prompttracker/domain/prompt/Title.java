package dev.prompttracker.domain.prompt;

import dev.prompttracker.domain.content.Text;
import dev.prompttracker.domain.error.Invalid;

import java.util.Objects;
import java.util.Optional;

/** A prompt's optional title: trimmed, at most {@value #MAX_LENGTH} characters, one line. */
public record Title(String value) {
    public static final int MAX_LENGTH = 200;

    public Title {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw Invalid.field("title", "must not be blank when given");
        }
        if (Text.length(value) > MAX_LENGTH) {
            throw Invalid.field("title", "must be at most " + MAX_LENGTH + " characters");
        }
        if (Text.hasAnyControlCharacter(value)) {
            throw Invalid.field("title", "must be a single line without control characters");
        }
    }

    /** Empty for a missing or blank title: both mean "no title". */
    public static Optional<Title> parseOptional(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Title(raw.strip()));
    }
}
