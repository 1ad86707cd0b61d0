package dev.prompttracker.domain.auth;

import java.util.Objects;
import java.util.regex.Pattern;

/** The SHA-256 (lower-case hex) of an opaque secret token (refresh token, magic link); the token itself is never stored. */
public record TokenHash(String value) {
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

    public TokenHash {
        Objects.requireNonNull(value, "value");
        if (!HEX_SHA256.matcher(value).matches()) {
            throw new IllegalArgumentException("not a hex SHA-256");
        }
    }

    @Override
    public String toString() {
        return "TokenHash[" + value.substring(0, 8) + "…]";
    }
}
