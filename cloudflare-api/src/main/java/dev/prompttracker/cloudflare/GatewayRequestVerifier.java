package dev.prompttracker.cloudflare;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks a request the gateway Worker sends to the product (its pushed email jobs) as the Worker
 * checks the product's: the {@link GatewaySignature} with the shared secret, a timestamp within
 * {@value #WINDOW_SECONDS} s, and a nonce not seen in that window (remembered by this process).
 */
public final class GatewayRequestVerifier {
    public static final int WINDOW_SECONDS = 30;
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{1,12}");
    private static final int MAX_REMEMBERED = 100_000;

    private final GatewaySignature signature;
    private final Clock clock;
    private final Map<String, Long> seen = new ConcurrentHashMap<>();

    public GatewayRequestVerifier(String secret, Clock clock) {
        this.signature = new GatewaySignature(secret);
        this.clock = clock;
    }

    /** Why the request is refused, or empty when it is the gateway's and new. {@code header} reads a request header. */
    public Optional<String> refusal(String method, String pathAndQuery, byte[] body, Function<String, String> header) {
        String timestamp = header.apply(GatewaySignature.TIMESTAMP);
        String nonce = header.apply(GatewaySignature.NONCE);
        String given = header.apply(GatewaySignature.SIGNATURE);
        if (timestamp == null || nonce == null || given == null || !TIMESTAMP.matcher(timestamp).matches()
                || !NONCE.matcher(nonce).matches()) {
            return Optional.of("unsigned request");
        }
        long now = clock.instant().getEpochSecond();
        long at = Long.parseLong(timestamp);
        if (Math.abs(now - at) > WINDOW_SECONDS) {
            return Optional.of("the request's timestamp is outside the " + WINDOW_SECONDS + " s window");
        }
        String expected = signature.headers(method, pathAndQuery, body, at, nonce).get(GatewaySignature.SIGNATURE);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of("the request's signature does not match");
        }
        forgetBefore(now - WINDOW_SECONDS);
        if (seen.size() >= MAX_REMEMBERED || seen.putIfAbsent(nonce, at) != null) {
            return Optional.of("this request was already received (replayed nonce)");
        }
        return Optional.empty();
    }

    private void forgetBefore(long oldest) {
        for (Iterator<Long> times = seen.values().iterator(); times.hasNext(); ) {
            if (times.next() < oldest - WINDOW_SECONDS) {
                times.remove();
            }
        }
    }
}
