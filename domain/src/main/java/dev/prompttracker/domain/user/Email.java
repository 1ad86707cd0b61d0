package dev.prompttracker.domain.user;

import dev.prompttracker.domain.error.Invalid;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An email address, normalised (trimmed, lower case). The check is deliberately plain: one {@code @},
 * a dotted domain, no spaces or control characters, at most {@value #MAX_LENGTH} characters
 * (RFC 5321's path limit). Deliverability is proven by the magic link, not by a regex.
 */
public record Email(String value) {
    public static final int MAX_LENGTH = 254;
    private static final Pattern FORMAT =
            Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+");

    public Email {
        Objects.requireNonNull(value, "value");
        if (value.length() > MAX_LENGTH || !FORMAT.matcher(value).matches()) {
            throw Invalid.field("email", "must be a valid email address of at most " + MAX_LENGTH + " characters");
        }
    }

    public static Email parse(String raw) {
        return new Email(raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT));
    }

    public static boolean looksLikeOne(String raw) {
        return raw != null && raw.contains("@");
    }

    @Override
    public String toString() {
        return value;
    }
}
