package dev.prompttracker.application;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The content product's settings: where magic links point ({@code {frontendUrl}/auth/verify?token=…},
 * from configuration, never from a request), and how email delivery retries.
 */
public record ContentSettings(URI frontendUrl, int maxEmailAttempts, Duration emailVisibilityTimeout) {
    public ContentSettings {
        Objects.requireNonNull(frontendUrl, "frontendUrl");
        Objects.requireNonNull(emailVisibilityTimeout, "emailVisibilityTimeout");
        if (maxEmailAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt");
        }
    }

    public static ContentSettings defaults(URI frontendUrl) {
        return new ContentSettings(frontendUrl, 5, Duration.ofSeconds(60));
    }

    /** {@code {frontendUrl}/auth/verify?token=…}: signs in. */
    public String magicLink(String token) {
        return base() + "/auth/verify?token=" + token;
    }

    /** {@code {frontendUrl}/auth/verify-email?token=…}: proves an account's address. */
    public String verificationLink(String token) {
        return base() + "/auth/verify-email?token=" + token;
    }

    private String base() {
        String base = frontendUrl.toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
