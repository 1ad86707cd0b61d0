package dev.prompttracker.application.service;

import dev.prompttracker.application.RateLimits;
import dev.prompttracker.application.port.out.RateLimiter;
import dev.prompttracker.domain.error.RateLimited;
import dev.prompttracker.domain.user.Email;
import dev.prompttracker.domain.user.UserId;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Applies the configured rate limits; a refusal is {@link RateLimited} with the time to wait. */
final class Quotas {
    private final RateLimiter limiter;
    private final RateLimits limits;

    Quotas(RateLimiter limiter, RateLimits limits) {
        this.limiter = limiter;
        this.limits = limits;
    }

    void register(String ip) {
        take("register:ip:" + ip, limits.registerPerIp());
    }

    void logIn(String ip, String login) {
        take("login:ip:" + ip, limits.loginPerIp());
        take("login:account:" + login.strip().toLowerCase(Locale.ROOT), limits.loginPerAccount());
    }

    void signUp(String ip, Email email) {
        take("signup:ip:" + ip, limits.signupPerIp());
        take("signup:email:" + email.value(), limits.signupPerEmail());
    }

    void magicLink(String ip, Email email) {
        take("magic-link:ip:" + ip, limits.magicLinkPerIp());
        take("magic-link:email:" + email.value(), limits.magicLinkPerEmail());
    }

    void verifyMagicLink(String ip) {
        take("magic-link-verify:ip:" + ip, limits.verifyPerIp());
    }

    void verificationEmail(UserId user) {
        take("verification-email:user:" + user.value(), limits.verificationEmailPerAccount());
    }

    /** An anonymous request about to reach a store (each such read spends the shared remote budget). */
    void anonymousRead(String ip) {
        take("anonymous-read:ip:" + ip, limits.anonymousReadsPerIp());
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
