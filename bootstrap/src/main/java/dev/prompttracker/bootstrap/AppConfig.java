package dev.prompttracker.bootstrap;

import dev.prompttracker.adapter.http.EdgeSettings;
import dev.prompttracker.adapter.http.TrustedProxies;
import dev.prompttracker.adapter.mail.SenderAddress;
import dev.prompttracker.application.ContentSettings;
import dev.prompttracker.application.CacheSettings;
import dev.prompttracker.application.RateLimits;
import dev.prompttracker.application.port.out.RateLimiter;
import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.user.Email;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the product reads from its environment (SPEC's configuration table), checked once at
 * start-up: a value that cannot work stops the start with a message naming the variable.
 */
public record AppConfig(
        int port,
        String bindAddress,
        Path dataDir,
        boolean production,
        List<String> corsAllowedOrigins,
        Optional<String> jwtSecret,
        Set<Email> adminEmails,
        URI frontendUrl,
        int maxRequestBytes,
        Duration requestTimeout,
        boolean docsEnabled,
        Duration revocationSyncInterval,
        String jwtIssuer,
        String jwtAudience,
        RateLimits rateLimits,
        SenderAddress mailFrom,
        int emailMaxAttempts,
        Duration emailVisibilityTimeout,
        CacheSettings subscriberCache,
        CloudConfig stores,
        boolean metricsEnabled,
        CacheSettings promptCache,
        TrustedProxies trustedProxies,
        boolean edgeFastPaths) {

    public static final List<String> DEFAULT_CORS_ORIGINS = List.of("http://localhost:3000", "http://localhost:5173");

    public static AppConfig from(Environment env) {
        boolean production = switch (env.get("APP_ENV", "development").toLowerCase(Locale.ROOT)) {
            case "production" -> true;
            case "development", "test" -> false;
            default -> throw new ConfigurationError("APP_ENV must be development or production");
        };
        if (production && env.get("CORS_ALLOWED_ORIGINS").isEmpty()) {
            throw new ConfigurationError("CORS_ALLOWED_ORIGINS must be set in production (comma-separated exact origins)");
        }
        if (production && env.get("JWT_SECRET").isEmpty()) {
            throw new ConfigurationError("JWT_SECRET must be set in production (at least 32 random bytes in base64 "
                    + "or hex: make one with `openssl rand -base64 32`)");
        }
        // Logging reads LOG_FORMAT when it starts (LogConfigurator, before this); a bad value stops the start here.
        LogConfigurator.Format.parse(env.get("LOG_FORMAT"));
        return new AppConfig(
                integer(env, "PORT", 8080, 0, 65_535),
                env.get("BIND_ADDRESS", "127.0.0.1"),
                Path.of(env.get("DATA_DIR", "./data")).toAbsolutePath().normalize(),
                production,
                origins(env.get("CORS_ALLOWED_ORIGINS").map(AppConfig::split).orElse(DEFAULT_CORS_ORIGINS)),
                env.get("JWT_SECRET"),
                adminEmails(env.get("ADMIN_EMAILS", "")),
                url(env.get("FRONTEND_URL", "http://localhost:8080")),
                integer(env, "MAX_REQUEST_BYTES", EdgeSettings.DEFAULT_MAX_REQUEST_BYTES, 64 * 1024, 64 * 1024 * 1024),
                Duration.ofSeconds(integer(env, "REQUEST_TIMEOUT_SECONDS",
                        (int) EdgeSettings.DEFAULT_REQUEST_TIMEOUT.toSeconds(), 1, 600)),
                bool(env, "DOCS_ENABLED", !production),
                Duration.ofSeconds(integer(env, "REVOCATION_SYNC_SECONDS", 15, 1, 300)),
                env.get("JWT_ISSUER", "prompt-tracker"),
                env.get("JWT_AUDIENCE", "prompt-tracker-api"),
                rateLimits(env),
                mailFrom(env.get("MAIL_FROM", "prompt-tracker <no-reply@localhost>")),
                integer(env, "EMAIL_MAX_ATTEMPTS", 5, 1, 100),
                Duration.ofSeconds(integer(env, "EMAIL_VISIBILITY_SECONDS", 60, 5, 43_200)),
                new CacheSettings(Duration.ofSeconds(integer(env, "SUBSCRIBER_CACHE_SECONDS", 60, 0, 86_400)),
                        CacheSettings.subscriberDefaults().maxBytes(), staleIfError(env)),
                CloudConfig.from(env),
                bool(env, "METRICS_ENABLED", !production),
                new CacheSettings(Duration.ofSeconds(integer(env, "PROMPT_CACHE_SECONDS", 5, 0, 3_600)),
                        integer(env, "PROMPT_CACHE_MB", 16, 1, 65_536) * 1024L * 1024, staleIfError(env)),
                trustedProxies(env.get("TRUSTED_PROXIES", "")),
                bool(env, "EDGE_FAST_PATHS", true));
    }

    private static Duration staleIfError(Environment env) {
        return Duration.ofSeconds(integer(env, "STALE_IF_ERROR_SECONDS", 300, 0, 86_400));
    }

    public ContentSettings contentSettings() {
        return new ContentSettings(frontendUrl, emailMaxAttempts, emailVisibilityTimeout);
    }

    public Path queueFile() {
        return dataDir.resolve("queue.sqlite");
    }

    public Path outbox() {
        return dataDir.resolve("outbox");
    }

    /** {@code RATE_LIMIT_<NAME>=N/period} (e.g. {@code RATE_LIMIT_MAGIC_LINK_PER_EMAIL=3/15m}) over the defaults. */
    private static RateLimits rateLimits(Environment env) {
        RateLimits d = RateLimits.defaults();
        return new RateLimits(
                limit(env, "RATE_LIMIT_REGISTER_PER_IP", d.registerPerIp()),
                limit(env, "RATE_LIMIT_LOGIN_PER_IP", d.loginPerIp()),
                limit(env, "RATE_LIMIT_LOGIN_PER_ACCOUNT", d.loginPerAccount()),
                limit(env, "RATE_LIMIT_SIGNUP_PER_IP", d.signupPerIp()),
                limit(env, "RATE_LIMIT_SIGNUP_PER_EMAIL", d.signupPerEmail()),
                limit(env, "RATE_LIMIT_MAGIC_LINK_PER_IP", d.magicLinkPerIp()),
                limit(env, "RATE_LIMIT_MAGIC_LINK_PER_EMAIL", d.magicLinkPerEmail()),
                limit(env, "RATE_LIMIT_VERIFY_PER_IP", d.verifyPerIp()),
                limit(env, "RATE_LIMIT_WRITES_PER_USER", d.writesPerUser()),
                limit(env, "RATE_LIMIT_VERIFICATION_EMAIL_PER_ACCOUNT", d.verificationEmailPerAccount()),
                limit(env, "RATE_LIMIT_ANONYMOUS_READS_PER_IP", d.anonymousReadsPerIp()));
    }

    private static RateLimiter.Limit limit(Environment env, String name, RateLimiter.Limit fallback) {
        Optional<String> raw = env.get(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            return RateLimiter.Limit.parse(raw.get());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationError(name + " must look like 10/1m (permits per s, m, h or d)");
        }
    }

    public EdgeSettings edgeSettings() {
        return new EdgeSettings(corsAllowedOrigins, maxRequestBytes, requestTimeout, docsEnabled, trustedProxies,
                edgeFastPaths);
    }

    public Path databaseFile() {
        return dataDir.resolve("prompt-tracker.sqlite");
    }

    /** Held by the process that writes {@link #databaseFile()}: see {@code DatabaseLock}. */
    public Path databaseLockFile() {
        return dataDir.resolve("prompt-tracker.lock");
    }

    public Path blobFolder() {
        return dataDir.resolve("blobs");
    }

    private static List<String> split(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Exact origins only: scheme://host[:port], no path, no wildcard patterns ({@code *} alone means any). */
    static List<String> origins(List<String> origins) {
        for (String origin : origins) {
            if (origin.equals("*")) {
                continue;
            }
            URI uri;
            try {
                uri = URI.create(origin);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationError("CORS_ALLOWED_ORIGINS: '" + origin + "' is not an origin");
            }
            boolean exact = ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                    && uri.getRawUserInfo() == null && !origin.contains("*") && !origin.endsWith(".");
            if (!exact) {
                throw new ConfigurationError("CORS_ALLOWED_ORIGINS: '" + origin
                        + "' must be an exact origin like https://app.example.com (no path, no wildcard)");
            }
        }
        if (origins.contains("*") && origins.size() > 1) {
            throw new ConfigurationError("CORS_ALLOWED_ORIGINS: '*' cannot be combined with other origins");
        }
        return List.copyOf(origins);
    }

    private static TrustedProxies trustedProxies(String text) {
        try {
            return TrustedProxies.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationError("TRUSTED_PROXIES: " + e.getMessage());
        }
    }

    private static Set<Email> adminEmails(String text) {
        Set<Email> emails = new LinkedHashSet<>();
        for (String each : split(text)) {
            try {
                emails.add(Email.parse(each));
            } catch (Invalid e) {
                throw new ConfigurationError("ADMIN_EMAILS: '" + each + "' is not an email address");
            }
        }
        return emails;
    }

    private static SenderAddress mailFrom(String text) {
        try {
            return SenderAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationError("MAIL_FROM must be one address such as 'Handbook <no-reply@example.com>' ("
                    + e.getMessage() + ")");
        }
    }

    private static URI url(String text) {
        try {
            URI uri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("not http(s)");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigurationError("FRONTEND_URL must be an http(s) URL such as https://app.example.com");
        }
    }

    static int integer(Environment env, String name, int fallback, int min, int max) {
        Optional<String> raw = env.get(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigurationError(name + " must be a whole number from " + min + " to " + max);
        }
    }

    private static boolean bool(Environment env, String name, boolean fallback) {
        return switch (env.get(name, Boolean.toString(fallback)).toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new ConfigurationError(name + " must be true or false");
        };
    }

    @Override
    public String toString() {
        return "AppConfig[port=" + port + ", bindAddress=" + bindAddress + ", dataDir=" + dataDir
                + ", production=" + production + ", corsAllowedOrigins=" + corsAllowedOrigins
                + ", jwtSecret=" + (jwtSecret.isPresent() ? "(set)" : "(generated)") + ", frontendUrl=" + frontendUrl
                + ", trustedProxies=" + trustedProxies + ", stores=" + stores + "]";
    }
}
