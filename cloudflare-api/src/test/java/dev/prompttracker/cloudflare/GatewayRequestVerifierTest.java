package dev.prompttracker.cloudflare;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The product checks what the gateway Worker pushes to it as the Worker checks the product's requests. */
class GatewayRequestVerifierTest {
    private static final String SECRET = "a-secret-the-gateway-and-product-share";
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final byte[] BODY = "{\"id\":\"m1\"}".getBytes(StandardCharsets.UTF_8);
    private final GatewayRequestVerifier verifier = new GatewayRequestVerifier(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    private Map<String, String> signed(String secret, Instant at) {
        return new GatewaySignature(secret).headers("POST", "/internal/email-jobs", BODY, at);
    }

    @Test
    void aFreshlySignedRequestIsTakenOnce() {
        Map<String, String> headers = signed(SECRET, NOW.minusSeconds(5));
        assertThat(verifier.refusal("POST", "/internal/email-jobs", BODY, headers::get)).isEmpty();
        assertThat(verifier.refusal("POST", "/internal/email-jobs", BODY, headers::get))
                .hasValueSatisfying(reason -> assertThat(reason).contains("replayed"));
    }

    @Test
    void anotherSecretAnotherBodyOrAnotherPathIsRefused() {
        Map<String, String> wrongSecret = signed("another-secret-of-enough-length-here", NOW);
        assertThat(verifier.refusal("POST", "/internal/email-jobs", BODY, wrongSecret::get))
                .hasValueSatisfying(reason -> assertThat(reason).contains("signature"));
        Map<String, String> headers = signed(SECRET, NOW);
        assertThat(verifier.refusal("POST", "/internal/email-jobs", "{\"id\":\"m2\"}".getBytes(StandardCharsets.UTF_8),
                headers::get)).isPresent();
        assertThat(verifier.refusal("POST", "/internal/other", BODY, headers::get)).isPresent();
    }

    @Test
    void aTimestampOutsideTheWindowOrAMissingHeaderIsRefused() {
        Map<String, String> old = signed(SECRET, NOW.minusSeconds(GatewayRequestVerifier.WINDOW_SECONDS + 1));
        assertThat(verifier.refusal("POST", "/internal/email-jobs", BODY, old::get))
                .hasValueSatisfying(reason -> assertThat(reason).contains("window"));
        Map<String, String> future = signed(SECRET, NOW.plusSeconds(GatewayRequestVerifier.WINDOW_SECONDS + 1));
        assertThat(verifier.refusal("POST", "/internal/email-jobs", BODY, future::get)).isPresent();
        assertThat(verifier.refusal("POST", "/internal/email-jobs", BODY, name -> null))
                .hasValueSatisfying(reason -> assertThat(reason).contains("unsigned"));
    }
}
