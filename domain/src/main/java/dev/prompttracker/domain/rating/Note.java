package dev.prompttracker.domain.rating;

import dev.prompttracker.domain.content.Text;
import dev.prompttracker.domain.error.Invalid;

import java.util.Objects;

/** Free text beside a rating or a preference (the note, the reason): trimmed, at most {@value #MAX_LENGTH} characters, may be empty. */
public record Note(String value) {
    public static final int MAX_LENGTH = 2_000;
    public static final Note NONE = new Note("");

    public Note {
        Objects.requireNonNull(value, "value");
    }

    /** The note as typed, checked under the name of the field it came in. */
    public static Note parse(String field, String raw) {
        String text = raw == null ? "" : raw.strip();
        if (Text.length(text) > MAX_LENGTH) {
            throw Invalid.field(field, "must be at most " + MAX_LENGTH + " characters");
        }
        return new Note(text);
    }
}
