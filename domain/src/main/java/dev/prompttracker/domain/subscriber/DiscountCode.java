package dev.prompttracker.domain.subscriber;

import dev.prompttracker.domain.error.Invalid;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** A discount code: 1–{@value #MAX_LENGTH} letters, digits, '-' or '_', stored upper case. */
public record DiscountCode(String value) {
    public static final int MAX_LENGTH = 64;
    private static final Pattern FORMAT = Pattern.compile("[A-Z0-9_-]{1," + MAX_LENGTH + "}");

    public DiscountCode {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw Invalid.field("discountCode", "must be 1 to " + MAX_LENGTH + " letters, digits, '-' or '_'");
        }
    }

    /** Empty for a missing or blank code. */
    public static Optional<DiscountCode> parseOptional(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new DiscountCode(raw.strip().toUpperCase(Locale.ROOT)));
    }
}
