package dev.prompttracker.domain.collection;

import dev.prompttracker.domain.content.Text;
import dev.prompttracker.domain.error.Invalid;

import java.util.Objects;

/**
 * What a collection is about: trimmed, at most {@value #MAX_LENGTH} characters, line breaks kept (as
 * {@code \n}); empty means none.
 */
public record CollectionDescription(String value) {
    public static final int MAX_LENGTH = 2_000;
    public static final CollectionDescription NONE = new CollectionDescription("");

    public CollectionDescription {
        Objects.requireNonNull(value, "value");
        if (Text.length(value) > MAX_LENGTH) {
            throw Invalid.field("description", "must be at most " + MAX_LENGTH + " characters");
        }
        if (Text.hasControlCharacters(value) || value.indexOf('\r') >= 0) {
            throw Invalid.field("description", "must not hold control characters other than tabs and line breaks");
        }
    }

    /** From user input: line breaks made {@code \n}, trimmed; missing or blank is no description. */
    public static CollectionDescription parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return NONE;
        }
        return new CollectionDescription(raw.replace("\r\n", "\n").replace('\r', '\n').strip());
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }
}
