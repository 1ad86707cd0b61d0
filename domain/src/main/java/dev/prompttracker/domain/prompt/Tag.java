package dev.prompttracker.domain.prompt;

import dev.prompttracker.domain.content.Text;
import dev.prompttracker.domain.error.Invalid;

import java.util.Locale;
import java.util.Objects;

/** A label on a prompt: trimmed, lower case, 1–{@value #MAX_LENGTH} characters, one line. */
public record Tag(String value) {
    public static final int MAX_LENGTH = 40;

    public Tag {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || Text.length(value) > MAX_LENGTH) {
            throw Invalid.field("tags", "each tag must be 1 to " + MAX_LENGTH + " characters");
        }
        if (Text.hasAnyControlCharacter(value)) {
            throw Invalid.field("tags", "tags must not contain control characters");
        }
        if (!value.equals(normalise(value))) {
            throw new IllegalArgumentException("tag not normalised");
        }
    }

    public static Tag parse(String raw) {
        return new Tag(normalise(raw == null ? "" : raw));
    }

    private static String normalise(String raw) {
        return raw.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
