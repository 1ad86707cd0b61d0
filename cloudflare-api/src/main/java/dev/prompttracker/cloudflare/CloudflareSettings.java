package dev.prompttracker.cloudflare;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach Cloudflare's v4 REST API: the base URL (replaceable, so tests and stand-ins can
 * take Cloudflare's place), the account, the API token (never logged), a timeout for every call,
 * and the client-side request budget shared by every adapter (the account allows 1200 requests per
 * 5 minutes across all its clients; the default stays well under), of which anonymous requests may
 * spend at most {@code anonymousShare}.
 */
public record CloudflareSettings(URI baseUrl, String accountId, String apiToken, Duration timeout,
                                 int budgetPermits, Duration budgetWindow, int budgetBurst, int maxAttempts,
                                 double anonymousShare) {
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.cloudflare.com/client/v4");
    /** Half the budget for anonymous requests; the other half is theirs to never touch. */
    public static final double DEFAULT_ANONYMOUS_SHARE = 0.5;

    public CloudflareSettings(URI baseUrl, String accountId, String apiToken, Duration timeout, int budgetPermits,
                              Duration budgetWindow, int budgetBurst, int maxAttempts) {
        this(baseUrl, accountId, apiToken, timeout, budgetPermits, budgetWindow, budgetBurst, maxAttempts,
                DEFAULT_ANONYMOUS_SHARE);
    }

    public CloudflareSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(apiToken, "apiToken");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(budgetWindow, "budgetWindow");
        if (accountId.isBlank() || apiToken.isBlank()) {
            throw new IllegalArgumentException("an account id and an API token are required");
        }
        if (budgetPermits < 1 || budgetBurst < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("budget and attempts must be positive");
        }
        if (!(anonymousShare > 0 && anonymousShare <= 1)) {
            throw new IllegalArgumentException("the anonymous share of the budget is more than 0 and at most 1");
        }
    }

    /** 600 requests per 5 minutes (half the account's limit), bursts of 20, 10 s per call, 3 attempts for safe calls. */
    public static CloudflareSettings defaults(URI baseUrl, String accountId, String apiToken) {
        return new CloudflareSettings(baseUrl, accountId, apiToken, Duration.ofSeconds(10), 600, Duration.ofMinutes(5),
                20, 3);
    }

    @Override
    public String toString() {
        return "CloudflareSettings[baseUrl=" + baseUrl + ", accountId=" + accountId + ", apiToken=(redacted)]";
    }
}
