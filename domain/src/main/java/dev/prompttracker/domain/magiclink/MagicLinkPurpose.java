package dev.prompttracker.domain.magiclink;

import java.time.Duration;

/**
 * What a link sent by email may be used for, and how long it lives; a link for one purpose never
 * works for another.
 */
public enum MagicLinkPurpose {
    /** Signs in (and so proves the address). */
    LOGIN(Duration.ofMinutes(15)),
    /** Proves the address of an account registered with a password. */
    VERIFY_EMAIL(Duration.ofHours(24));

    private final Duration lifetime;

    MagicLinkPurpose(Duration lifetime) {
        this.lifetime = lifetime;
    }

    public Duration lifetime() {
        return lifetime;
    }
}
