package dev.prompttracker.adapter.http;

import com.linecorp.armeria.client.grpc.GrpcClients;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import dev.prompttracker.adapter.http.support.EdgeServer;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.proto.v1.ListPromptsResponse;
import dev.prompttracker.proto.v1.ListPublicPromptsRequest;
import dev.prompttracker.proto.v1.PromptServiceGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** CORS conformance for an exact-origin allowlist (catalogue C-39 … C-50). */
class CorsEdgeTest {
    @RegisterExtension
    static final EdgeServer server = new EdgeServer();
    private static final String ALLOWED = EdgeServer.ALLOWED_ORIGIN;

    private static AggregatedHttpResponse get(String path, String origin) {
        var request = server.blockingWebClient().prepare().get(path);
        if (origin != null) {
            request.header(HttpHeaderNames.ORIGIN, origin);
        }
        return request.execute();
    }

    private static AggregatedHttpResponse preflight(String path, String origin, String method, String headers) {
        return server.blockingWebClient().execute(RequestHeaders.builder(HttpMethod.OPTIONS, path)
                .set(HttpHeaderNames.ORIGIN, origin)
                .set(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD, method)
                .set(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS, headers)
                .build());
    }

    /** {@code Vary} names {@code Origin} exactly once, whatever else it names. */
    private static void variesByOrigin(AggregatedHttpResponse response, String what) {
        List<String> varied = response.headers().getAll(HttpHeaderNames.VARY).stream()
                .flatMap(value -> Arrays.stream(value.split(","))).map(String::strip).toList();
        assertThat(varied).as("Vary of %s (%s)", what, response.status()).filteredOn(v -> v.equalsIgnoreCase("origin"))
                .hasSize(1);
    }

    @Test
    void anAllowedOriginIsEchoedWithVaryAndExposedHeaders() {
        AggregatedHttpResponse response = get("/api/public/prompts", ALLOWED);
        assertThat(response.status().code()).isEqualTo(200);
        assertThat(response.headers().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo(ALLOWED);
        assertThat(response.headers().getAll(HttpHeaderNames.VARY)).anySatisfy(v -> assertThat(v).containsIgnoringCase("origin"));
        assertThat(response.headers().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS)).isNull();
        assertThat(response.headers().get(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS))
                .containsIgnoringCase("retry-after").containsIgnoringCase("x-request-id");
    }

    @Test
    void disallowedLookalikeAndNullOriginsGetNoCorsHeaders() {
        List<String> origins = List.of("https://evil.example", "null", "https://evilapp.example",
                "https://app.example.evil.net", "https://app.example.evil.net:443", "https://app.example%60.evil.net",
                "https://app.example_.evil.net", "http://app.example", "https://app.example:8443",
                "https://app.example.", "https://app.example/", "https://sub.app.example", "https://app.example@evil.net",
                "", "g".repeat(7 * 1024));
        for (String origin : origins) {
            AggregatedHttpResponse response = get("/api/public/prompts", origin);
            assertThat(response.headers().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).as(origin).isNull();
            assertThat(response.headers().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS)).as(origin).isNull();
            AggregatedHttpResponse pre = preflight("/api/prompts", origin, "POST", "authorization");
            assertThat(pre.headers().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).as(origin).isNull();
            assertThat(pre.headers().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS)).as(origin).isNull();
        }
    }

    @Test
    void everyAnswerVariesByOriginSoThatNoCacheServesOneOriginsAnswerToAnother() {
        String disallowed = "https://evil.example";
        for (String origin : List.of(ALLOWED, disallowed)) {
            variesByOrigin(get("/api/public/prompts", origin), origin + " GET");
            variesByOrigin(preflight("/api/prompts", origin, "POST", "authorization"), origin + " preflight");
            variesByOrigin(get("/api/prompts", origin), origin + " 401");
            variesByOrigin(get("/api/nothing-here", origin), origin + " no route");
            variesByOrigin(server.blockingWebClient().prepare().post("/api/auth/login").header(HttpHeaderNames.ORIGIN, origin)
                    .content(MediaType.JSON_UTF_8, "{not json").execute(), origin + " malformed");
            variesByOrigin(server.blockingWebClient().prepare().post("/api/auth/login").header(HttpHeaderNames.ORIGIN, origin)
                    .content(MediaType.JSON_UTF_8, "{\"login\":\"" + "x".repeat(200 * 1024) + "\"}").execute(),
                    origin + " too large");
        }
        // Without an Origin the answer differs from the answers above (no CORS headers), so it varies too.
        variesByOrigin(get("/api/public/prompts", null), "no origin");
        variesByOrigin(get("/api/prompts", null), "no origin 401");
    }

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredWithoutAuthentication() {
        int requestsBefore = server.hasher.matchCalls();
        AggregatedHttpResponse response = preflight("/api/prompts/" + PromptId.random().value(), ALLOWED, "PATCH",
                "authorization, content-type");
        assertThat(response.status().code()).isIn(200, 204);
        assertThat(response.headers().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo(ALLOWED);
        assertThat(response.headers().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS))
                .contains("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
        assertThat(response.headers().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS))
                .containsIgnoringCase("authorization").containsIgnoringCase("content-type");
        assertThat(response.headers().get(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE)).isEqualTo("86400");
        assertThat(server.hasher.matchCalls()).isEqualTo(requestsBefore);
    }

    @Test
    void aPreflightAskingForAnUnlistedHeaderDoesNotAllowIt() {
        AggregatedHttpResponse response = preflight("/api/prompts", ALLOWED, "POST", "x-evil");
        String allowed = response.headers().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS);
        assertThat(allowed == null ? "" : allowed).doesNotContainIgnoringCase("x-evil");
    }

    @Test
    void errorResponsesCarryTheSameCorsHeaders() {
        AggregatedHttpResponse unauthenticated = get("/api/prompts", ALLOWED);
        AggregatedHttpResponse notFound = get("/api/prompts/" + PromptId.random().value(), ALLOWED);
        AggregatedHttpResponse badRequest = server.blockingWebClient().prepare().post("/api/auth/login")
                .header(HttpHeaderNames.ORIGIN, ALLOWED).content(MediaType.JSON_UTF_8, "{not json").execute();
        AggregatedHttpResponse tooLarge = server.blockingWebClient().prepare().post("/api/auth/login")
                .header(HttpHeaderNames.ORIGIN, ALLOWED)
                .content(MediaType.JSON_UTF_8, "{\"login\":\"" + "x".repeat(200 * 1024) + "\"}").execute();
        AggregatedHttpResponse noRoute = get("/api/nothing-here", ALLOWED);
        for (AggregatedHttpResponse response : List.of(unauthenticated, notFound, badRequest, tooLarge, noRoute)) {
            assertThat(response.status().isSuccess()).isFalse();
            assertThat(response.headers().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN))
                    .as("status %s", response.status()).isEqualTo(ALLOWED);
        }
        assertThat(List.of(unauthenticated, notFound, badRequest, tooLarge, noRoute))
                .extracting(r -> r.status().code()).containsExactly(401, 404, 400, 413, 404);
    }

    @Test
    void clientsWithoutAnOriginAreServedNormally() {
        AggregatedHttpResponse curl = get("/api/public/prompts", null);
        assertThat(curl.status().code()).isEqualTo(200);
        assertThat(curl.headers().names()).noneMatch(name -> name.toString().startsWith("access-control-"));
        ListPromptsResponse grpc = GrpcClients.newClient(server.httpUri(), PromptServiceGrpc.PromptServiceBlockingStub.class)
                .listPublicPrompts(ListPublicPromptsRequest.getDefaultInstance());
        assertThat(grpc).isNotNull();
    }

    @Test
    void apiResponsesAreNeverCachedAndCarryTheSecurityHeaders() {
        for (AggregatedHttpResponse response : List.of(get("/api/public/prompts", null), get("/api/prompts", ALLOWED))) {
            assertThat(response.headers().get(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("no-store");
            assertThat(response.headers().get(HttpHeaderNames.X_CONTENT_TYPE_OPTIONS)).isEqualTo("nosniff");
            assertThat(response.headers().get(HttpHeaderNames.CONTENT_SECURITY_POLICY)).isEqualTo("frame-ancestors 'none'");
            assertThat(response.headers().get("x-request-id")).hasSize(16);
        }
    }
}
