package dev.prompttracker.domain.prompt;

import dev.prompttracker.domain.content.Text;
import dev.prompttracker.domain.error.Invalid;

import java.util.Objects;
import java.util.Optional;

/** What a version changed, in the author's words: trimmed, one line, at most {@value #MAX_LENGTH} characters. */
public record VersionMessage(String value) {
    public static final int MAX_LENGTH = 200;

    public VersionMessage {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw Invalid.field("versionMessage", "must not be blank when given");
        }
        if (Text.length(value) > MAX_LENGTH) {
            throw Invalid.field("versionMessage", "must be at most " + MAX_LENGTH + " characters");
        }
        if (Text.hasAnyControlCharacter(value)) {
            throw Invalid.field("versionMessage", "must be a single line without control characters");
        }
    }

    /** Empty for a missing or blank message: both mean "no message". */
    public static Optional<VersionMessage> parseOptional(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new VersionMessage(raw.strip()));
    }
}
