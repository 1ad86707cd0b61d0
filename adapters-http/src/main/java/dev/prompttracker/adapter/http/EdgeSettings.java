package dev.prompttracker.adapter.http;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the edge behaves: which browser origins may call it (exact origins; {@code *} only for a
 * public, credential-free API), the largest request body, the request timeout, whether the
 * API documentation is served at {@code /docs}, whose forwarding headers name the client, and whether
 * the methods marked direct skip transcoding's gRPC round trip ({@code EDGE_FAST_PATHS}).
 */
public record EdgeSettings(List<String> corsAllowedOrigins, int maxRequestBytes, Duration requestTimeout,
                           boolean docsEnabled, TrustedProxies trustedProxies, boolean fastPaths) {
    public static final int DEFAULT_MAX_REQUEST_BYTES = 2 * 1024 * 1024;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    public EdgeSettings {
        corsAllowedOrigins = List.copyOf(corsAllowedOrigins);
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(trustedProxies, "trustedProxies");
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("the request body limit must be at least 1 KiB");
        }
    }

    /** Settings with the fast route layer on. */
    public EdgeSettings(List<String> corsAllowedOrigins, int maxRequestBytes, Duration requestTimeout,
                        boolean docsEnabled, TrustedProxies trustedProxies) {
        this(corsAllowedOrigins, maxRequestBytes, requestTimeout, docsEnabled, trustedProxies, true);
    }

    /** These settings with the fast route layer on or off (off: every REST call is transcoded). */
    public EdgeSettings withFastPaths(boolean on) {
        return new EdgeSettings(corsAllowedOrigins, maxRequestBytes, requestTimeout, docsEnabled, trustedProxies, on);
    }

    /** Settings behind no trusted proxy: the socket peer is the client. */
    public EdgeSettings(List<String> corsAllowedOrigins, int maxRequestBytes, Duration requestTimeout,
                        boolean docsEnabled) {
        this(corsAllowedOrigins, maxRequestBytes, requestTimeout, docsEnabled, TrustedProxies.NONE);
    }

    public static EdgeSettings defaults(List<String> corsAllowedOrigins) {
        return new EdgeSettings(corsAllowedOrigins, DEFAULT_MAX_REQUEST_BYTES, DEFAULT_REQUEST_TIMEOUT, true);
    }
}
