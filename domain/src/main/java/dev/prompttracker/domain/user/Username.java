package dev.prompttracker.domain.user;

import dev.prompttracker.domain.error.Invalid;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** 3–32 characters of {@code [a-zA-Z0-9_.-]}; unique regardless of case ({@link #key()}). */
public record Username(String value) {
    private static final Pattern FORMAT = Pattern.compile("[a-zA-Z0-9_.-]{3,32}");

    public Username {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw Invalid.field("username", "must be 3 to 32 characters of letters, digits, '_', '.' or '-'");
        }
    }

    public static Username parse(String raw) {
        return new Username(raw == null ? "" : raw.strip());
    }

    /** The case-insensitive identity used for uniqueness and login. */
    public String key() {
        return value.toLowerCase(Locale.ROOT);
    }

    public static boolean looksLikeOne(String raw) {
        return raw != null && FORMAT.matcher(raw.strip()).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
