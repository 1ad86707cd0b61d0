package dev.prompttracker.domain.user;

import dev.prompttracker.domain.content.Text;
import dev.prompttracker.domain.error.Invalid;

import java.util.Objects;

/**
 * A password as typed: 10–256 characters. The upper bound is checked before any hashing so a huge
 * input cannot be used to burn CPU. Never printed.
 */
public record PlainPassword(String value) {
    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 256;

    public PlainPassword {
        Objects.requireNonNull(value, "value");
        // Cheap guard first: more UTF-16 units than twice the limit cannot be within it.
        if (value.length() > MAX_LENGTH * 2 || Text.length(value) > MAX_LENGTH) {
            throw Invalid.field("password", "must be at most " + MAX_LENGTH + " characters");
        }
        if (Text.length(value) < MIN_LENGTH) {
            throw Invalid.field("password", "must be at least " + MIN_LENGTH + " characters");
        }
    }

    public static PlainPassword parse(String raw) {
        return new PlainPassword(raw == null ? "" : raw);
    }

    /** As {@link #parse(String)}, naming {@code field} in the error (e.g. {@code newPassword}). */
    public static PlainPassword parse(String raw, String field) {
        try {
            return parse(raw);
        } catch (Invalid invalid) {
            throw Invalid.field(field, invalid.fieldErrors().getFirst().message());
        }
    }

    @Override
    public String toString() {
        return "PlainPassword[redacted]";
    }
}
