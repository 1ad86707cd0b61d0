package dev.prompttracker.adapter.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.prompttracker.application.AuthSettings;
import dev.prompttracker.application.port.out.TokenIssuer;
import dev.prompttracker.domain.session.SessionId;
import dev.prompttracker.domain.user.Email;
import dev.prompttracker.domain.user.Role;
import dev.prompttracker.domain.user.UserId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Access tokens as HS256 JWTs, verified the way RFC 8725 and OWASP ask: one pinned algorithm, a
 * pinned {@code typ}, every claim we rely on required, {@code iat} neither in the future nor older
 * than a token can live, no key material taken from the header, and a key of at least 256 bits.
 * Every rejection is the same empty result; the reason is never echoed to the caller.
 */
public final class NimbusTokenIssuer implements TokenIssuer {
    /** RFC 9068's media type for access tokens; refresh and link tokens never use it. */
    static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType("at+jwt");
    static final int MIN_SECRET_BYTES = 32;
    private static final int MAX_TOKEN_LENGTH = 4096;
    private static final int MAX_REMEMBERED = 50_000;
    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    private static final String SESSION_CLAIM = "sid";
    private static final String ROLE_CLAIM = "role";
    private static final String EMAIL_CLAIM = "email";
    /** OpenID Connect's name for it; a token without it (issued before it existed) is refused, so its client refreshes. */
    private static final String EMAIL_VERIFIED_CLAIM = "email_verified";
    private static final Set<String> REQUIRED_CLAIMS = Set.of("exp", "iat", "sub", "jti", "iss", "aud",
            SESSION_CLAIM, ROLE_CLAIM, EMAIL_CLAIM, EMAIL_VERIFIED_CLAIM);
    /** Claims of other token kinds; an access token carrying one is refused (RFC 8725 §3.12). */
    private static final Set<String> PROHIBITED_CLAIMS = Set.of("purpose", "nonce");

    private final MACSigner signer;
    private final DefaultJWTProcessor<SecurityContext> processor;
    private final String issuer;
    private final String audience;
    private final Duration maxLifetime;
    private final Clock clock;
    private final Map<String, AccessGrant> verified = new ConcurrentHashMap<>();

    public NimbusTokenIssuer(byte[] secret, String issuer, String audience, Duration maxLifetime, Clock clock) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the JWT secret must be at least " + MIN_SECRET_BYTES
                    + " bytes (256 bits) for HS256");
        }
        this.issuer = issuer;
        this.audience = audience;
        this.maxLifetime = maxLifetime;
        this.clock = clock;
        try {
            this.signer = new MACSigner(secret.clone());
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable JWT secret", e);
        }
        this.processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(ACCESS_TOKEN_TYPE));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256,
                new ImmutableSecret<>(secret.clone())));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(Set.of(audience),
                new JWTClaimsSet.Builder().issuer(issuer).build(), REQUIRED_CLAIMS, PROHIBITED_CLAIMS) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        claims.setMaxClockSkew((int) AuthSettings.CLOCK_SKEW.toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    @Override
    public String issue(AccessGrant grant) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(grant.userId().value())
                .jwtID(grant.tokenId())
                .issueTime(Date.from(grant.issuedAt()))
                .expirationTime(Date.from(grant.expiresAt()))
                .claim(SESSION_CLAIM, grant.sessionId().value())
                .claim(ROLE_CLAIM, grant.role().name())
                .claim(EMAIL_CLAIM, grant.email().value())
                .claim(EMAIL_VERIFIED_CLAIM, grant.emailVerified())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(ACCESS_TOKEN_TYPE).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing an access token failed", e);
        }
        return jwt.serialize();
    }

    @Override
    public Optional<AccessGrant> verify(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        // A token already verified in full is known by its exact text (signature included) until it expires.
        AccessGrant known = verified.get(token);
        if (known != null) {
            if (clock.instant().isBefore(known.expiresAt())) {
                return Optional.of(known);
            }
            verified.remove(token);
        }
        Optional<AccessGrant> grant = verifyInFull(token);
        grant.ifPresent(g -> remember(token, g));
        return grant;
    }

    private void remember(String token, AccessGrant grant) {
        if (verified.size() >= MAX_REMEMBERED) {
            // Crude but bounded: tokens live 15 minutes, so forgetting them all only costs re-verification.
            verified.clear();
        }
        verified.put(token, grant);
    }

    private Optional<AccessGrant> verifyInFull(String token) {
        if (!COMPACT_JWS.matcher(token).matches()) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWSHeader header = jwt.getHeader();
            // The key is ours alone: any key, key URL or certificate offered by the token is an attack.
            if (!JWSAlgorithm.HS256.equals(header.getAlgorithm()) || header.getJWK() != null
                    || header.getJWKURL() != null || header.getX509CertURL() != null
                    || header.getX509CertChain() != null || header.getKeyID() != null
                    || header.getCriticalParams() != null) {
                return Optional.empty();
            }
            JWTClaimsSet claims = processor.process(jwt, null);
            return grantOf(claims);
        } catch (java.text.ParseException | com.nimbusds.jose.proc.BadJOSEException | JOSEException
                 | IllegalArgumentException | IllegalStateException | ClassCastException
                 | dev.prompttracker.domain.error.Invalid e) {
            return Optional.empty();
        }
    }

    private Optional<AccessGrant> grantOf(JWTClaimsSet claims) throws java.text.ParseException {
        Instant now = clock.instant();
        Instant issuedAt = claims.getIssueTime().toInstant();
        Instant expiresAt = claims.getExpirationTime().toInstant();
        Duration skew = AuthSettings.CLOCK_SKEW;
        boolean issuedInTheFuture = issuedAt.isAfter(now.plus(skew));
        boolean olderThanAnyTokenLives = issuedAt.plus(maxLifetime).plus(skew).isBefore(now);
        boolean livesTooLong = Duration.between(issuedAt, expiresAt).compareTo(maxLifetime) > 0;
        List<String> audiences = claims.getAudience();
        if (issuedInTheFuture || olderThanAnyTokenLives || livesTooLong || audiences == null
                || !audiences.contains(audience) || !expiresAt.isAfter(issuedAt)) {
            return Optional.empty();
        }
        Optional<UserId> user = UserId.parse(claims.getSubject());
        Optional<SessionId> session = SessionId.parse(claims.getStringClaim(SESSION_CLAIM));
        Role role = Role.valueOf(claims.getStringClaim(ROLE_CLAIM));
        Email email = Email.parse(claims.getStringClaim(EMAIL_CLAIM));
        Boolean emailVerified = claims.getBooleanClaim(EMAIL_VERIFIED_CLAIM);
        String tokenId = claims.getJWTID();
        if (user.isEmpty() || session.isEmpty() || tokenId == null || tokenId.isBlank() || emailVerified == null) {
            return Optional.empty();
        }
        return Optional.of(new AccessGrant(user.get(), email, emailVerified, role, session.get(), tokenId, issuedAt,
                expiresAt));
    }
}
