package dev.prompttracker.domain.user;

import dev.prompttracker.domain.error.Invalid;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** 3–32 characters of {@code [a-zA-Z0-9_.-]}; unique regardless of case ({@link #key()}). */
public record Username(String value) {
    private static final Pattern FORMAT = Pattern.compile("[a-zA-Z0-9_.-]{3,32}");
    private static final Pattern SUFFIX = Pattern.compile("[a-z0-9]{1,4}");
    /** The most characters of an address that {@link #forEmail} keeps. */
    private static final int STEM_LENGTH = 24;

    public Username {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw Invalid.field("username", "must be 3 to 32 characters of letters, digits, '_', '.' or '-'");
        }
    }

    /**
     * The name of an account made by a link sent to {@code email}: the address's local part in lower case,
     * only its letters a–z, digits, '_', '.' and '-', at most 24 of them ("reader" when fewer than 3 are
     * left), then '_' and {@code suffix} (1 to 4 of a–z and 0–9, chosen at random so that names rarely
     * collide). Stores that make such accounts in SQL follow this rule; their contract checks it.
     */
    public static Username forEmail(Email email, String suffix) {
        Objects.requireNonNull(email, "email");
        requireSuffix(suffix);
        // Dropped before lower-casing, as SQLite's lower() folds ASCII only: both rules give the same name.
        String local = email.value().substring(0, email.value().indexOf('@')).replaceAll("[^A-Za-z0-9_.-]", "")
                .toLowerCase(Locale.ROOT);
        if (local.length() > STEM_LENGTH) {
            local = local.substring(0, STEM_LENGTH);
        }
        if (local.length() < 3) {
            local = "reader";
        }
        return new Username(local + "_" + suffix);
    }

    /** {@code suffix}, when it can end a name {@link #forEmail} makes; {@link IllegalArgumentException} otherwise. */
    public static String requireSuffix(String suffix) {
        if (suffix == null || !SUFFIX.matcher(suffix).matches()) {
            throw new IllegalArgumentException("a name's suffix is 1 to 4 of a-z and 0-9");
        }
        return suffix;
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
