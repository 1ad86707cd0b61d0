package dev.prompttracker.application;

import dev.prompttracker.application.port.out.RateLimiter.Limit;

import java.time.Duration;
import java.util.Objects;

/**
 * The request-rate limits: per client IP and per email on the flows that cost us (accounts,
 * logins, mail), per user on writes, and per IP on anonymous requests that reach a store (each one
 * spends the shared Cloudflare API budget in Cloudflare mode). Every limit is configurable; the
 * defaults suit one person on one browser with room to spare, and stop scripts.
 */
public record RateLimits(Limit registerPerIp, Limit loginPerIp, Limit loginPerAccount, Limit signupPerIp,
                         Limit signupPerEmail, Limit magicLinkPerIp, Limit magicLinkPerEmail, Limit verifyPerIp,
                         Limit writesPerUser, Limit verificationEmailPerAccount, Limit anonymousReadsPerIp) {
    public RateLimits {
        Objects.requireNonNull(registerPerIp, "registerPerIp");
        Objects.requireNonNull(loginPerIp, "loginPerIp");
        Objects.requireNonNull(loginPerAccount, "loginPerAccount");
        Objects.requireNonNull(signupPerIp, "signupPerIp");
        Objects.requireNonNull(signupPerEmail, "signupPerEmail");
        Objects.requireNonNull(magicLinkPerIp, "magicLinkPerIp");
        Objects.requireNonNull(magicLinkPerEmail, "magicLinkPerEmail");
        Objects.requireNonNull(verifyPerIp, "verifyPerIp");
        Objects.requireNonNull(writesPerUser, "writesPerUser");
        Objects.requireNonNull(verificationEmailPerAccount, "verificationEmailPerAccount");
        Objects.requireNonNull(anonymousReadsPerIp, "anonymousReadsPerIp");
    }

    public static RateLimits defaults() {
        return new RateLimits(
                new Limit(20, Duration.ofHours(1)),
                new Limit(20, Duration.ofMinutes(1)),
                new Limit(10, Duration.ofMinutes(15)),
                new Limit(20, Duration.ofHours(1)),
                new Limit(5, Duration.ofHours(1)),
                new Limit(10, Duration.ofMinutes(15)),
                new Limit(3, Duration.ofMinutes(15)),
                new Limit(30, Duration.ofMinutes(1)),
                new Limit(120, Duration.ofMinutes(1)),
                new Limit(3, Duration.ofMinutes(15)),
                new Limit(60, Duration.ofMinutes(1)));
    }

    /** Limits no test or single user reaches; for tests that are not about limits. */
    public static RateLimits generous() {
        Limit plenty = new Limit(1_000_000, Duration.ofSeconds(1));
        return new RateLimits(plenty, plenty, plenty, plenty, plenty, plenty, plenty, plenty, plenty, plenty, plenty);
    }

    public RateLimits withAnonymousReadsPerIp(Limit limit) {
        return new RateLimits(registerPerIp, loginPerIp, loginPerAccount, signupPerIp, signupPerEmail, magicLinkPerIp,
                magicLinkPerEmail, verifyPerIp, writesPerUser, verificationEmailPerAccount, limit);
    }

    public RateLimits withVerificationEmailPerAccount(Limit limit) {
        return new RateLimits(registerPerIp, loginPerIp, loginPerAccount, signupPerIp, signupPerEmail, magicLinkPerIp,
                magicLinkPerEmail, verifyPerIp, writesPerUser, limit, anonymousReadsPerIp);
    }
}
