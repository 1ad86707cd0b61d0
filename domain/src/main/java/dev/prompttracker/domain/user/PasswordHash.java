package dev.prompttracker.domain.user;

import java.util.Objects;

/** A slow, salted password hash in its self-describing (PHC) text form. Never printed. */
public record PasswordHash(String value) {
    public PasswordHash {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("empty password hash");
        }
    }

    @Override
    public String toString() {
        return "PasswordHash[redacted]";
    }
}
