package dev.prompttracker.adapter.security;

import dev.prompttracker.application.contract.Fixtures;
import dev.prompttracker.application.contract.TokenIssuerContract;
import dev.prompttracker.application.fake.MutableClock;
import dev.prompttracker.application.AuthSettings;
import dev.prompttracker.application.port.out.TokenIssuer;
import dev.prompttracker.domain.session.SessionId;
import dev.prompttracker.domain.user.Email;
import dev.prompttracker.domain.user.Role;
import dev.prompttracker.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NimbusTokenIssuerTest implements TokenIssuerContract {
    private static final Email EMAIL = Email.parse("reader@example.com");
    private final MutableClock clock = new MutableClock(Fixtures.T0);
    private final byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final NimbusTokenIssuer issuer = new NimbusTokenIssuer(secret, "issuer", "audience",
            Duration.ofMinutes(15), clock);

    @Override
    public TokenIssuer issuer() {
        return issuer;
    }

    @Override
    public MutableClock clock() {
        return clock;
    }

    @Test
    void issuesAPinnedHs256AccessTokenType() {
        String token = issuer.issue(new TokenIssuer.AccessGrant(UserId.random(), EMAIL, true, Role.USER, SessionId.random(),
                "jti", clock.instant(), clock.instant().plus(Duration.ofMinutes(15))));
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        assertThat(header).contains("\"alg\":\"HS256\"").contains("\"typ\":\"at+jwt\"").doesNotContain("kid");
    }

    @Test
    void aTokenVerifiedOnceIsRememberedOnlyUntilItExpires() {
        TokenIssuer.AccessGrant grant = new TokenIssuer.AccessGrant(UserId.random(), EMAIL, true, Role.USER,
                SessionId.random(), "jti", clock.instant(), clock.instant().plus(Duration.ofMinutes(15)));
        String token = issuer.issue(grant);
        assertThat(issuer.verify(token)).hasValueSatisfying(g -> assertThat(g.sessionId()).isEqualTo(grant.sessionId()));
        assertThat(issuer.verify(token)).isPresent();
        assertThat(issuer.verify(token.substring(0, token.length() - 2) + "AA")).as("another signature").isEmpty();
        clock.advance(Duration.ofMinutes(15).plus(AuthSettings.CLOCK_SKEW).plusSeconds(1));
        assertThat(issuer.verify(token)).isEmpty();
    }

    @Test
    void aTokenFromAnotherKeyIsRefused() {
        NimbusTokenIssuer other = new NimbusTokenIssuer("another-secret-of-32-bytes-long!".getBytes(StandardCharsets.US_ASCII),
                "issuer", "audience", Duration.ofMinutes(15), clock);
        String token = other.issue(new TokenIssuer.AccessGrant(UserId.random(), EMAIL, true, Role.USER, SessionId.random(),
                "jti", clock.instant(), clock.instant().plus(Duration.ofMinutes(5))));
        assertThat(issuer.verify(token)).isEmpty();
        assertThat(other.verify(token)).isPresent();
    }

    @Test
    void aTokenLivingLongerThanAllowedIsRefused() {
        String token = issuer.issue(new TokenIssuer.AccessGrant(UserId.random(), EMAIL, true, Role.USER, SessionId.random(),
                "jti", clock.instant(), clock.instant().plus(Duration.ofHours(2))));
        assertThat(issuer.verify(token)).isEmpty();
    }

    @Test
    void refusesToStartWithAKeyShorterThan256Bits() {
        assertThatThrownBy(() -> new NimbusTokenIssuer(new byte[31], "i", "a", Duration.ofMinutes(15), clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("256 bits");
        assertThatThrownBy(() -> new NimbusTokenIssuer(new byte[0], "i", "a", Duration.ofMinutes(15), clock))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
