package dev.prompttracker.cloudflare;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * The signature the gateway Worker checks on every request (gateway/README.md): hex HMAC-SHA256
 * with the shared secret over the method, the path with its query, the timestamp in seconds, a
 * random nonce and the hex SHA-256 of the body, one per line. The Worker refuses a timestamp more
 * than 30 s off and a nonce it has seen, so each attempt of a call is signed anew.
 */
public final class GatewaySignature {
    public static final String TIMESTAMP = "X-Gateway-Timestamp";
    public static final String NONCE = "X-Gateway-Nonce";
    public static final String SIGNATURE = "X-Gateway-Signature";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private final SecretKeySpec key;

    public GatewaySignature(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The three headers for one attempt of a call. */
    public Map<String, String> headers(String method, String pathAndQuery, byte[] body, Instant now) {
        byte[] nonce = new byte[18];
        RANDOM.nextBytes(nonce);
        return headers(method, pathAndQuery, body, now.getEpochSecond(),
                Base64.getUrlEncoder().withoutPadding().encodeToString(nonce));
    }

    public Map<String, String> headers(String method, String pathAndQuery, byte[] body, long epochSecond, String nonce) {
        String timestamp = Long.toString(epochSecond);
        String signed = String.join("\n", method, pathAndQuery, timestamp, nonce, sha256(body == null ? new byte[0] : body));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            String signature = HEX.formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
            return Map.of(TIMESTAMP, timestamp, NONCE, nonce, SIGNATURE, signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String sha256(byte[] body) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
