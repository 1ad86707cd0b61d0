package dev.prompttracker.adapter.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.client.grpc.GrpcClientBuilder;
import com.linecorp.armeria.client.grpc.GrpcClients;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.prompttracker.adapter.http.error.ErrorKind;
import dev.prompttracker.adapter.http.support.EdgeServer;
import dev.prompttracker.adapter.http.support.Rpcs;
import dev.prompttracker.adapter.http.support.Transport;
import dev.prompttracker.domain.session.SessionId;
import dev.prompttracker.domain.user.UserId;
import dev.prompttracker.proto.v1.ListPromptsRequest;
import dev.prompttracker.proto.v1.PromptServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The access-token verifier against the attacks of RFC 8725 and OWASP (catalogue J-1 … J-17), on both transports. */
class JwtAttackTest {
    @RegisterExtension
    static final EdgeServer server = new EdgeServer();
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Transport> transports() {
        return server.transports();
    }

    private static long now() {
        return server.clock.instant().getEpochSecond();
    }

    private static Map<String, Object> header(String alg) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", alg);
        header.put("typ", "at+jwt");
        return header;
    }

    private static Map<String, Object> claims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", EdgeServer.ISSUER);
        claims.put("aud", EdgeServer.AUDIENCE);
        claims.put("sub", UserId.random().value());
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iat", now());
        claims.put("exp", now() + 600);
        claims.put("sid", SessionId.random().value());
        claims.put("role", "USER");
        claims.put("email", "attacker@example.com");
        claims.put("email_verified", false);
        return claims;
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String unsigned(Map<String, Object> header, Map<String, Object> claims) {
        try {
            return b64(JSON.writeValueAsBytes(header)) + "." + b64(JSON.writeValueAsBytes(claims));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unsignedRaw(Map<String, Object> header, String claimsJson) {
        try {
            return b64(JSON.writeValueAsBytes(header)) + "." + b64(claimsJson.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hmac(String algorithm, byte[] key, String signingInput) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return b64(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token MACed with the server's own secret: only the content decides whether it is accepted. */
    private static String signed(Map<String, Object> header, Map<String, Object> claims) {
        String input = unsigned(header, claims);
        return input + "." + hmac("HmacSHA256", server.secret, input);
    }

    private static String signed(Consumer<Map<String, Object>> changeHeader, Consumer<Map<String, Object>> changeClaims) {
        Map<String, Object> header = header("HS256");
        Map<String, Object> claims = claims();
        changeHeader.accept(header);
        changeClaims.accept(claims);
        return signed(header, claims);
    }

    private static void accepted(Transport t, String token) {
        t.call(Rpcs.LIST_PROMPTS, token, ListPromptsRequest.getDefaultInstance()).ok();
    }

    private static void refused(Transport t, String token) {
        var outcome = t.call(Rpcs.LIST_PROMPTS, token, ListPromptsRequest.getDefaultInstance())
                .failsWith(ErrorKind.UNAUTHENTICATED);
        assertThat(outcome.detail()).isEqualTo("invalid or expired token");
    }

    @ParameterizedTest
    @MethodSource("transports")
    void aWellFormedTokenFromTheServersKeyIsAccepted(Transport t) {
        accepted(t, signed(h -> { }, c -> { }));
        accepted(t, signed(h -> { }, c -> c.put("aud", List.of("someone-else", EdgeServer.AUDIENCE))));
    }

    @ParameterizedTest
    @MethodSource("transports")
    void unsecuredTokensAreRefusedInEveryCapitalisation(Transport t) {
        for (String none : List.of("none", "None", "NONE", "nOnE")) {
            String input = unsigned(header(none), claims());
            refused(t, input + ".");
            refused(t, input + "." + b64("random".getBytes(StandardCharsets.US_ASCII)));
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void otherAlgorithmsAreRefusedEvenWithTheRightKey(Transport t) throws Exception {
        byte[] longKey = new byte[64];
        System.arraycopy(server.secret, 0, longKey, 0, 32);
        System.arraycopy(server.secret, 0, longKey, 32, 32);
        for (String[] alg : new String[][] {{"HS384", "HmacSHA384"}, {"HS512", "HmacSHA512"}}) {
            String input = unsigned(header(alg[0]), claims());
            refused(t, input + "." + hmac(alg[1], server.secret, input));
            refused(t, input + "." + hmac(alg[1], longKey, input));
        }
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        SignedJWT rs256 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt"))
                .build(), JWTClaimsSet.parse(claims()));
        rs256.sign(new RSASSASigner(rsa));
        refused(t, rs256.serialize());
        ECKey ec = new ECKeyGenerator(Curve.P_256).generate();
        SignedJWT es256 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
                .build(), JWTClaimsSet.parse(claims()));
        es256.sign(new ECDSASigner(ec));
        refused(t, es256.serialize());
    }

    @ParameterizedTest
    @MethodSource("transports")
    void keysOfferedInTheHeaderAreRefused(Transport t) throws Exception {
        RSAKey attacker = new RSAKeyGenerator(2048).generate();
        SignedJWT embedded = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt"))
                .jwk(attacker.toPublicJWK()).build(), JWTClaimsSet.parse(claims()));
        embedded.sign(new RSASSASigner(attacker));
        refused(t, embedded.serialize());
        // Even MACed with our own key, a token pointing at key material elsewhere is refused.
        refused(t, signed(h -> h.put("jku", "http://127.0.0.1:1/keys.json"), c -> { }));
        refused(t, signed(h -> h.put("x5u", "http://127.0.0.1:1/cert.pem"), c -> { }));
        refused(t, signed(h -> h.put("x5c", List.of("MIIB")), c -> { }));
        refused(t, signed(h -> h.put("jwk", attacker.toPublicJWK().toJSONObject()), c -> { }));
    }

    @ParameterizedTest
    @MethodSource("transports")
    void keyIdsAreRefused(Transport t) {
        for (String kid : List.of("unknown", "../../etc/passwd", "' OR 1=1 --", "k".repeat(2_000), "a\nb")) {
            refused(t, signed(h -> h.put("kid", kid), c -> { }));
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void malformedTokensAreRefused(Transport t) {
        String good = signed(h -> { }, c -> { });
        String[] parts = good.split("\\.");
        List<String> variants = new ArrayList<>();
        for (int part = 0; part < 3; part++) {
            char[] flipped = parts[part].toCharArray();
            flipped[flipped.length / 2] = flipped[flipped.length / 2] == 'A' ? 'B' : 'A';
            String[] copy = parts.clone();
            copy[part] = new String(flipped);
            variants.add(String.join(".", copy));
        }
        variants.add(parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10));
        variants.add(parts[0] + "." + parts[1]);
        variants.add(good + "." + parts[2]);
        variants.add(good + "=");
        variants.add(good.replace('-', '+').replace('_', '/') + "+/");
        variants.add(" " + good);
        variants.add("x");
        for (String variant : variants) {
            refused(t, variant);
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void expiryIsCheckedWithAtMostAMinuteOfSkew(Transport t) {
        refused(t, signed(h -> { }, c -> {
            c.put("iat", now() - 600);
            c.put("exp", now() - 61);
        }));
        accepted(t, signed(h -> { }, c -> {
            c.put("iat", now() - 600);
            c.put("exp", now() - 30);
        }));
        refused(t, signed(h -> { }, c -> c.remove("exp")));
    }

    @ParameterizedTest
    @MethodSource("transports")
    void notBeforeIsChecked(Transport t) {
        refused(t, signed(h -> { }, c -> c.put("nbf", now() + 120)));
        accepted(t, signed(h -> { }, c -> c.put("nbf", now() + 30)));
    }

    @ParameterizedTest
    @MethodSource("transports")
    void issuedAtMustBePresentNotInTheFutureAndNotOlderThanATokenLives(Transport t) {
        refused(t, signed(h -> { }, c -> c.put("iat", now() + 600)));
        refused(t, signed(h -> { }, c -> {
            c.put("iat", now() - 15 * 60 - 120);
            c.put("exp", now() + 60);
        }));
        refused(t, signed(h -> { }, c -> c.remove("iat")));
        refused(t, signed(h -> { }, c -> c.put("exp", now() + 24 * 3600)));
    }

    @ParameterizedTest
    @MethodSource("transports")
    void issuerAndAudienceMustBeOurs(Transport t) {
        refused(t, signed(h -> { }, c -> c.put("iss", "someone-else")));
        refused(t, signed(h -> { }, c -> c.remove("iss")));
        refused(t, signed(h -> { }, c -> c.remove("aud")));
        refused(t, signed(h -> { }, c -> c.put("aud", "another-service")));
    }

    @ParameterizedTest
    @MethodSource("transports")
    void theTypeMustBeAnAccessToken(Transport t) {
        refused(t, signed(h -> h.remove("typ"), c -> { }));
        refused(t, signed(h -> h.put("typ", "JWT"), c -> { }));
        refused(t, signed(h -> h.put("typ", "refresh+jwt"), c -> { }));
    }

    @ParameterizedTest
    @MethodSource("transports")
    void requiredClaimsMustBePresentAndForeignOnesAbsent(Transport t) {
        for (String claim : List.of("sub", "jti", "sid", "role", "email", "email_verified")) {
            refused(t, signed(h -> { }, c -> c.remove(claim)));
        }
        refused(t, signed(h -> { }, c -> c.put("email_verified", "yes")));
        refused(t, signed(h -> { }, c -> c.put("purpose", "login")));
        refused(t, signed(h -> { }, c -> c.put("sub", "not-a-user-id")));
        refused(t, signed(h -> { }, c -> c.put("role", "ROOT")));
    }

    @ParameterizedTest
    @MethodSource("transports")
    void deeplyNestedClaimsAreRefusedAndTheServerStaysHealthy(Transport t) {
        // As deep as fits under the verifier's 4 KiB token limit; deeper tokens are refused by length alone.
        int depth = 1_200;
        String claimsJson = "{\"iss\":\"" + EdgeServer.ISSUER + "\",\"deep\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
        String input = unsignedRaw(header("HS256"), claimsJson);
        long started = System.nanoTime();
        refused(t, input + "." + hmac("HmacSHA256", server.secret, input));
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(5));
        String tooDeep = unsignedRaw(header("HS256"), "{\"deep\":" + "[".repeat(2_200) + "]".repeat(2_200) + "}");
        refused(t, tooDeep + "." + hmac("HmacSHA256", server.secret, tooDeep));
        accepted(t, signed(h -> { }, c -> { }));
    }

    @Test
    void aRevokedSessionsAccessTokenIsRefusedAtOnce() {
        var rest = server.rest();
        var login = server.newUser(rest);
        accepted(rest, login.getAccessToken());
        rest.call(Rpcs.LOGOUT, login.getAccessToken(), dev.prompttracker.proto.v1.LogoutRequest.getDefaultInstance()).ok();
        refused(rest, login.getAccessToken());
        refused(server.grpc(), login.getAccessToken());
    }

    @Test
    void overRestOnlyOneBearerHeaderCountsAndNeverTheQueryString() {
        String good = signed(h -> { }, c -> { });
        assertThat(restStatus(List.of("Bearer " + good))).isEqualTo(200);
        assertThat(restStatus(List.of("Bearer " + good, "Bearer " + good))).isEqualTo(401);
        assertThat(restStatus(List.of("Bearer"))).isEqualTo(401);
        assertThat(restStatus(List.of("Bearer "))).isEqualTo(401);
        assertThat(restStatus(List.of("Basic dXNlcjpwYXNz"))).isEqualTo(401);
        assertThat(restStatus(List.of(good))).isEqualTo(401);
        AggregatedHttpResponse inQuery = server.blockingWebClient().get("/api/prompts?access_token=" + good);
        assertThat(inQuery.status().code()).isEqualTo(401);
    }

    @Test
    void overGrpcOnlyOneBearerHeaderCounts() {
        String good = signed(h -> { }, c -> { });
        assertThat(grpcCode(List.of("Bearer " + good))).isEqualTo(Status.Code.OK);
        assertThat(grpcCode(List.of("Bearer " + good, "Bearer " + good))).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(grpcCode(List.of("Bearer"))).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(grpcCode(List.of(good))).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void aHugeAuthorizationHeaderIsRefusedWithoutHarm() throws Exception {
        // A raw HTTP/1.1 request: Armeria's own client would refuse to send such a header.
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.httpPort())) {
            socket.setSoTimeout(10_000);
            String request = "GET /api/prompts HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + "a".repeat(64 * 1024) + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertThat(statusLine).matches("HTTP/1\\.1 (400|401|413|431) .*");
        }
        assertThat(restStatus(List.of("Bearer " + signed(h -> { }, c -> { })))).isEqualTo(200);
    }

    private static int restStatus(List<String> authorization) {
        var request = server.blockingWebClient().prepare().get("/api/prompts");
        for (String value : authorization) {
            request.header(HttpHeaderNames.AUTHORIZATION, value);
        }
        return request.execute().status().code();
    }

    private static Status.Code grpcCode(List<String> authorization) {
        GrpcClientBuilder builder = GrpcClients.builder(server.httpUri());
        for (String value : authorization) {
            builder.addHeader(HttpHeaderNames.AUTHORIZATION, value);
        }
        try {
            builder.build(PromptServiceGrpc.PromptServiceBlockingStub.class)
                    .listPrompts(ListPromptsRequest.getDefaultInstance());
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }
}
