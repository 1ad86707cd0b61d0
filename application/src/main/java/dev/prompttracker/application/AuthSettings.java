package dev.prompttracker.application;

import dev.prompttracker.domain.user.Email;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * Lifetimes, roles and the key that tags opaque tokens. Access tokens live at most
 * {@link #MAX_ACCESS_TOKEN_TTL}: they are verified without a store read, so their lifetime bounds
 * how long a leaked one works. Refresh tokens and emailed links carry an HMAC tag under
 * {@code opaqueTokenKey}, so every instance of a deployment needs the same key (bootstrap derives it
 * from the JWT key).
 */
public record AuthSettings(Duration accessTokenTtl, Duration refreshTokenTtl, Set<Email> adminEmails,
                           byte[] opaqueTokenKey) {
    public static final Duration MAX_ACCESS_TOKEN_TTL = Duration.ofMinutes(15);
    /** Clock difference tolerated between instances when checking token times. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    public static final int MIN_KEY_BYTES = 32;
    /** For {@link #defaults}: one key per process, so that every instance made in one process agrees. */
    private static final byte[] PROCESS_KEY = new SecureRandom().generateSeed(MIN_KEY_BYTES);

    public AuthSettings {
        Objects.requireNonNull(accessTokenTtl, "accessTokenTtl");
        Objects.requireNonNull(refreshTokenTtl, "refreshTokenTtl");
        adminEmails = Set.copyOf(adminEmails);
        Objects.requireNonNull(opaqueTokenKey, "opaqueTokenKey");
        opaqueTokenKey = opaqueTokenKey.clone();
        if (accessTokenTtl.isNegative() || accessTokenTtl.isZero() || accessTokenTtl.compareTo(MAX_ACCESS_TOKEN_TTL) > 0) {
            throw new IllegalArgumentException("access token lifetime must be between 1 second and 15 minutes");
        }
        if (refreshTokenTtl.compareTo(accessTokenTtl) <= 0) {
            throw new IllegalArgumentException("refresh token lifetime must exceed the access token lifetime");
        }
        if (opaqueTokenKey.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the opaque token key must be at least 32 bytes");
        }
    }

    /** Default lifetimes and a key of this process: for one process only (tests, tools). */
    public static AuthSettings defaults(Set<Email> adminEmails) {
        return defaults(adminEmails, PROCESS_KEY);
    }

    public static AuthSettings defaults(Set<Email> adminEmails, byte[] opaqueTokenKey) {
        return new AuthSettings(MAX_ACCESS_TOKEN_TTL, Duration.ofDays(30), adminEmails, opaqueTokenKey);
    }

    @Override
    public byte[] opaqueTokenKey() {
        return opaqueTokenKey.clone();
    }

    /** How long a revoked session must be remembered: until every access token issued under it has expired. */
    public Duration revocationMemory() {
        return accessTokenTtl.plus(CLOCK_SKEW);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AuthSettings that && accessTokenTtl.equals(that.accessTokenTtl)
                && refreshTokenTtl.equals(that.refreshTokenTtl) && adminEmails.equals(that.adminEmails)
                && Arrays.equals(opaqueTokenKey, that.opaqueTokenKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(accessTokenTtl, refreshTokenTtl, adminEmails, Arrays.hashCode(opaqueTokenKey));
    }

    @Override
    public String toString() {
        return "AuthSettings[accessTokenTtl=" + accessTokenTtl + ", refreshTokenTtl=" + refreshTokenTtl
                + ", adminEmails=" + adminEmails + ", opaqueTokenKey=(redacted)]";
    }
}
