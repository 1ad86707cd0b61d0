package dev.prompttracker.cloudflare;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach Cloudflare: the base URL (replaceable, so tests and stand-ins can take Cloudflare's
 * place), the account, the credential (never logged), a timeout for every call, and the transport.
 * Over the v4 REST API ({@link Transport#API}) the credential is an API token and every call spends
 * the client-side request budget shared by every adapter (the account allows 1200 requests per 5
 * minutes across all its clients; the default stays well under), of which anonymous requests may
 * spend at most {@code anonymousShare}. Through the product's gateway Worker ({@link Transport#GATEWAY},
 * {@code gateway/}) the credential is the secret that signs each request, and there is no account
 * budget to spend: the Worker reaches D1, KV and Queues through bindings.
 */
public record CloudflareSettings(URI baseUrl, String accountId, String credential, Duration timeout,
                                 int budgetPermits, Duration budgetWindow, int budgetBurst, int maxAttempts,
                                 double anonymousShare, Transport transport) {
    /** How the calls travel: the account's REST API, or the gateway Worker of {@code gateway/}. */
    public enum Transport {
        API, GATEWAY
    }

    /** The gateway's secret signs with HMAC-SHA256: shorter secrets are guessable. */
    public static final int MIN_GATEWAY_SECRET_LENGTH = 32;
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.cloudflare.com/client/v4");
    /** Half the budget for anonymous requests; the other half is theirs to never touch. */
    public static final double DEFAULT_ANONYMOUS_SHARE = 0.5;
    /** Attempts of a call that is safe to repeat; the call's deadline (three timeouts) bounds them too. */
    public static final int MAX_ATTEMPTS = 5;

    public CloudflareSettings(URI baseUrl, String accountId, String apiToken, Duration timeout, int budgetPermits,
                              Duration budgetWindow, int budgetBurst, int maxAttempts) {
        this(baseUrl, accountId, apiToken, timeout, budgetPermits, budgetWindow, budgetBurst, maxAttempts,
                DEFAULT_ANONYMOUS_SHARE);
    }

    public CloudflareSettings(URI baseUrl, String accountId, String apiToken, Duration timeout, int budgetPermits,
                              Duration budgetWindow, int budgetBurst, int maxAttempts, double anonymousShare) {
        this(baseUrl, accountId, apiToken, timeout, budgetPermits, budgetWindow, budgetBurst, maxAttempts,
                anonymousShare, Transport.API);
    }

    /** The gateway Worker at {@code gatewayUrl}, signing with {@code secret}: 10 s per call, 5 attempts for safe calls. */
    public static CloudflareSettings gateway(URI gatewayUrl, String secret) {
        return new CloudflareSettings(gatewayUrl, "gateway", secret, Duration.ofSeconds(10), 1, Duration.ofSeconds(1),
                1, MAX_ATTEMPTS, DEFAULT_ANONYMOUS_SHARE, Transport.GATEWAY);
    }

    public boolean spendsAccountBudget() {
        return transport == Transport.API;
    }

    public CloudflareSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(budgetWindow, "budgetWindow");
        if (accountId.isBlank() || credential.isBlank()) {
            throw new IllegalArgumentException("an account id and an API token are required");
        }
        if (transport == Transport.GATEWAY && credential.length() < MIN_GATEWAY_SECRET_LENGTH) {
            throw new IllegalArgumentException("the gateway's secret is at least " + MIN_GATEWAY_SECRET_LENGTH
                    + " characters");
        }
        if (budgetPermits < 1 || budgetBurst < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("budget and attempts must be positive");
        }
        if (!(anonymousShare > 0 && anonymousShare <= 1)) {
            throw new IllegalArgumentException("the anonymous share of the budget is more than 0 and at most 1");
        }
    }

    /** 600 requests per 5 minutes (half the account's limit), bursts of 20, 10 s per call, 5 attempts for safe calls. */
    public static CloudflareSettings defaults(URI baseUrl, String accountId, String apiToken) {
        return new CloudflareSettings(baseUrl, accountId, apiToken, Duration.ofSeconds(10), 600, Duration.ofMinutes(5),
                20, MAX_ATTEMPTS);
    }

    @Override
    public String toString() {
        return "CloudflareSettings[" + transport + ", baseUrl=" + baseUrl + ", accountId=" + accountId
                + ", credential=(redacted)]";
    }
}
