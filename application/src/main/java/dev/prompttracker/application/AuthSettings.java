package dev.prompttracker.application;

import dev.prompttracker.domain.user.Email;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Lifetimes and roles for authentication. Access tokens live at most {@link #MAX_ACCESS_TOKEN_TTL}:
 * they are verified without a store read, so their lifetime bounds how long a leaked one works.
 */
public record AuthSettings(Duration accessTokenTtl, Duration refreshTokenTtl, Set<Email> adminEmails) {
    public static final Duration MAX_ACCESS_TOKEN_TTL = Duration.ofMinutes(15);
    /** Clock difference tolerated between instances when checking token times. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    public AuthSettings {
        Objects.requireNonNull(accessTokenTtl, "accessTokenTtl");
        Objects.requireNonNull(refreshTokenTtl, "refreshTokenTtl");
        adminEmails = Set.copyOf(adminEmails);
        if (accessTokenTtl.isNegative() || accessTokenTtl.isZero() || accessTokenTtl.compareTo(MAX_ACCESS_TOKEN_TTL) > 0) {
            throw new IllegalArgumentException("access token lifetime must be between 1 second and 15 minutes");
        }
        if (refreshTokenTtl.compareTo(accessTokenTtl) <= 0) {
            throw new IllegalArgumentException("refresh token lifetime must exceed the access token lifetime");
        }
    }

    public static AuthSettings defaults(Set<Email> adminEmails) {
        return new AuthSettings(MAX_ACCESS_TOKEN_TTL, Duration.ofDays(30), adminEmails);
    }

    /** How long a revoked session must be remembered: until every access token issued under it has expired. */
    public Duration revocationMemory() {
        return accessTokenTtl.plus(CLOCK_SKEW);
    }
}
