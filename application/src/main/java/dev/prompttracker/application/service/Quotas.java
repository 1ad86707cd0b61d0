package dev.prompttracker.application.service;

import dev.prompttracker.application.RateLimits;
import dev.prompttracker.application.port.in.ClientInfo;
import dev.prompttracker.application.port.out.RateLimiter;
import dev.prompttracker.domain.error.RateLimited;
import dev.prompttracker.domain.user.Email;
import dev.prompttracker.domain.user.UserId;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Applies the configured rate limits; a refusal is {@link RateLimited} with the time to wait. Limits per
 * client address count by {@link ClientInfo#rateLimitKey()} (an IPv6 client by its /64).
 */
final class Quotas {
    private final RateLimiter limiter;
    private final RateLimits limits;

    Quotas(RateLimiter limiter, RateLimits limits) {
        this.limiter = limiter;
        this.limits = limits;
    }

    void register(ClientInfo client) {
        take("register:ip:" + client.rateLimitKey(), limits.registerPerIp());
    }

    void logIn(ClientInfo client, String login) {
        take("login:ip:" + client.rateLimitKey(), limits.loginPerIp());
        take("login:account:" + login.strip().toLowerCase(Locale.ROOT), limits.loginPerAccount());
    }

    void signUp(ClientInfo client, Email email) {
        take("signup:ip:" + client.rateLimitKey(), limits.signupPerIp());
        take("signup:email:" + email.value(), limits.signupPerEmail());
    }

    void magicLink(ClientInfo client, Email email) {
        take("magic-link:ip:" + client.rateLimitKey(), limits.magicLinkPerIp());
        take("magic-link:email:" + email.value(), limits.magicLinkPerEmail());
    }

    void verifyMagicLink(ClientInfo client) {
        take("magic-link-verify:ip:" + client.rateLimitKey(), limits.verifyPerIp());
    }

    void verificationEmail(UserId user) {
        take("verification-email:user:" + user.value(), limits.verificationEmailPerAccount());
    }

    /** An anonymous request about to reach a store (each such read spends the shared remote budget). */
    void anonymousRead(ClientInfo client) {
        take("anonymous-read:ip:" + client.rateLimitKey(), limits.anonymousReadsPerIp());
    }

    void write(UserId user) {
        take("writes:user:" + user.value(), limits.writesPerUser());
    }

    private void take(String key, RateLimiter.Limit limit) {
        Optional<Duration> wait = limiter.tryAcquire(key, limit);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            throw new RateLimited("too many requests; try again in " + seconds + " s", wait.get());
        }
    }
}
