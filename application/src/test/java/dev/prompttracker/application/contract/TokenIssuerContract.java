package dev.prompttracker.application.contract;

import dev.prompttracker.application.fake.MutableClock;
import dev.prompttracker.application.port.out.TokenIssuer;
import dev.prompttracker.domain.session.SessionId;
import dev.prompttracker.domain.user.Email;
import dev.prompttracker.domain.user.Role;
import dev.prompttracker.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Issuers are built over {@link #clock()}, which starts at {@link Fixtures#T0}. */
public interface TokenIssuerContract {

    TokenIssuer issuer();

    MutableClock clock();

    private TokenIssuer.AccessGrant grant(Duration lifetime) {
        return grant(lifetime, true);
    }

    private TokenIssuer.AccessGrant grant(Duration lifetime, boolean emailVerified) {
        return new TokenIssuer.AccessGrant(UserId.random(), Email.parse("grant@example.com"), emailVerified,
                emailVerified ? Role.ADMIN : Role.USER, SessionId.random(), UUID.randomUUID().toString(),
                clock().instant(), clock().instant().plus(lifetime));
    }

    @Test
    default void anIssuedTokenVerifiesToTheSameGrant() {
        TokenIssuer.AccessGrant grant = grant(Duration.ofMinutes(15));
        assertThat(issuer().verify(issuer().issue(grant))).contains(grant);
    }

    @Test
    default void anUnprovenAddressStaysUnprovenInTheToken() {
        TokenIssuer.AccessGrant grant = grant(Duration.ofMinutes(15), false);
        assertThat(issuer().verify(issuer().issue(grant))).contains(grant)
                .hasValueSatisfying(g -> assertThat(g.emailVerified()).isFalse());
    }

    @Test
    default void anExpiredTokenIsRefused() {
        String token = issuer().issue(grant(Duration.ofMinutes(5)));
        clock().advance(Duration.ofMinutes(10));
        assertThat(issuer().verify(token)).isEmpty();
    }

    @Test
    default void garbageIsRefused() {
        assertThat(issuer().verify("")).isEmpty();
        assertThat(issuer().verify("not.a.token")).isEmpty();
        assertThat(issuer().verify("x".repeat(10_000))).isEmpty();
    }

    @Test
    default void aTokenWithOneCharacterChangedIsRefused() {
        String token = issuer().issue(grant(Duration.ofMinutes(15)));
        int middle = token.length() / 2;
        char changed = token.charAt(middle) == 'A' ? 'B' : 'A';
        String tampered = token.substring(0, middle) + changed + token.substring(middle + 1);
        assertThat(issuer().verify(tampered)).isEmpty();
    }
}
