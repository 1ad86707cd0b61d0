package dev.prompttracker.cloudflare.live;

import dev.prompttracker.cloudflare.CallListener;
import dev.prompttracker.cloudflare.CloudflareClient;
import dev.prompttracker.cloudflare.CloudflareSettings;
import dev.prompttracker.cloudflare.Sleeper;
import org.junit.jupiter.api.Assumptions;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A real Cloudflare account for the live contract runs ({@code ./mvnw -Plive verify}), read from
 * {@code LIVE_*} variables so a test can never pick up the product's own (production) settings. A
 * suite whose variables are not all set is skipped, naming what is missing. The resources named
 * must be throwaway ones: the suites empty them.
 */
public final class LiveAccount {
    public static final String ACCOUNT_ID = "LIVE_CLOUDFLARE_ACCOUNT_ID";
    public static final String API_TOKEN = "LIVE_CLOUDFLARE_API_TOKEN";
    public static final String API_BASE_URL = "LIVE_CLOUDFLARE_API_BASE_URL";

    private final Map<String, String> env;

    private LiveAccount(Map<String, String> env) {
        this.env = env;
    }

    public static LiveAccount fromEnvironment() {
        return new LiveAccount(System.getenv());
    }

    /** The value of a required variable; the calling test is skipped when it is unset. */
    public String require(String name) {
        String value = env.get(name);
        Assumptions.assumeTrue(value != null && !value.isBlank(),
                () -> "live suite skipped: set " + name + " (see the README, \"Live tests\")");
        return value;
    }

    public Optional<String> optional(String name) {
        return Optional.ofNullable(env.get(name)).filter(value -> !value.isBlank());
    }

    /** A client within half the account's budget (bursts wide enough for the contracts' concurrency cases). */
    public CloudflareClient client() {
        URI base = URI.create(optional(API_BASE_URL).orElse(CloudflareSettings.DEFAULT_BASE_URL.toString()));
        CloudflareSettings settings = new CloudflareSettings(base, require(ACCOUNT_ID), require(API_TOKEN),
                Duration.ofSeconds(15), 600, Duration.ofMinutes(5), 40, 3);
        return new CloudflareClient(settings, Clock.systemUTC(), Sleeper.REAL, CallListener.NONE);
    }

    /** Real time passing, for contracts that let time elapse. */
    public static void waitFor(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
