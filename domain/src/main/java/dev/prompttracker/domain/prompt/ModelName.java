package dev.prompttracker.domain.prompt;

import dev.prompttracker.domain.content.Text;
import dev.prompttracker.domain.error.Invalid;

import java.util.Objects;

/** The model that produced a response, e.g. {@code gpt-4o}: trimmed, 1–{@value #MAX_LENGTH} characters. */
public record ModelName(String value) {
    public static final int MAX_LENGTH = 100;

    public ModelName {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || Text.length(value) > MAX_LENGTH) {
            throw Invalid.field("modelName", "must be 1 to " + MAX_LENGTH + " characters");
        }
        if (Text.hasAnyControlCharacter(value)) {
            throw Invalid.field("modelName", "must not contain control characters");
        }
    }

    public static ModelName parse(String raw) {
        return new ModelName(raw == null ? "" : raw.strip());
    }

    @Override
    public String toString() {
        return value;
    }
}
