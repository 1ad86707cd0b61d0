package dev.prompttracker.adapter.http;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.MediaType;
import dev.prompttracker.adapter.http.error.ErrorKind;
import dev.prompttracker.adapter.http.support.EdgeServer;
import dev.prompttracker.adapter.http.support.Rpcs;
import dev.prompttracker.adapter.http.support.Transport;
import dev.prompttracker.application.RateLimits;
import dev.prompttracker.application.port.out.RateLimiter.Limit;
import dev.prompttracker.proto.v1.CreatePromptRequest;
import dev.prompttracker.proto.v1.RequestMagicLinkRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Limits answer 429 with Retry-After over REST and RESOURCE_EXHAUSTED with retry-after over gRPC. */
class RateLimitEdgeTest {
    private static final Limit PLENTY = new Limit(1_000_000, Duration.ofSeconds(1));
    @RegisterExtension
    static final EdgeServer server = new EdgeServer(new RateLimits(PLENTY, PLENTY, PLENTY, PLENTY, PLENTY,
            PLENTY, new Limit(2, Duration.ofMinutes(15)), PLENTY, new Limit(3, Duration.ofMinutes(1)), PLENTY, PLENTY));

    static Stream<Transport> transports() {
        return server.transports();
    }

    @ParameterizedTest
    @MethodSource("transports")
    void magicLinkRequestsForOneAddressAreLimited(Transport t) {
        String email = "limited" + System.nanoTime() + "@example.com";
        var request = RequestMagicLinkRequest.newBuilder().setEmail(email).build();
        t.call(Rpcs.REQUEST_MAGIC_LINK, null, request).ok();
        t.call(Rpcs.REQUEST_MAGIC_LINK, null, request).ok();
        var refused = t.call(Rpcs.REQUEST_MAGIC_LINK, null, request).failsWith(ErrorKind.RATE_LIMITED);
        assertThat(refused.retryAfter()).hasValueSatisfying(seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 900));
        t.call(Rpcs.REQUEST_MAGIC_LINK, null, RequestMagicLinkRequest.newBuilder()
                .setEmail("other" + System.nanoTime() + "@example.com").build()).ok();
    }

    @ParameterizedTest
    @MethodSource("transports")
    void writesPerUserAreLimitedWithoutTouchingOthers(Transport t) {
        String busy = server.newUser(t).getAccessToken();
        String calm = server.newUser(t).getAccessToken();
        for (int i = 0; i < 3; i++) {
            t.call(Rpcs.CREATE_PROMPT, busy, CreatePromptRequest.newBuilder().setContent("p" + i).build()).ok();
        }
        t.call(Rpcs.CREATE_PROMPT, busy, CreatePromptRequest.newBuilder().setContent("one too many").build())
                .failsWith(ErrorKind.RATE_LIMITED);
        t.call(Rpcs.CREATE_PROMPT, calm, CreatePromptRequest.newBuilder().setContent("fine").build()).ok();
        server.clock.advance(Duration.ofMinutes(1));
        t.call(Rpcs.CREATE_PROMPT, busy, CreatePromptRequest.newBuilder().setContent("later").build()).ok();
    }

    @Test
    void a429CarriesCorsHeadersAndExposesRetryAfter() {
        String email = "cors" + System.nanoTime() + "@example.com";
        AggregatedHttpResponse last = null;
        for (int i = 0; i < 3; i++) {
            last = server.blockingWebClient().prepare().post("/api/auth/magic-link")
                    .header(HttpHeaderNames.ORIGIN, EdgeServer.ALLOWED_ORIGIN)
                    .content(MediaType.JSON_UTF_8, "{\"email\":\"" + email + "\"}").execute();
        }
        assertThat(last.status().code()).isEqualTo(429);
        assertThat(last.headers().get(HttpHeaderNames.RETRY_AFTER)).isNotNull();
        assertThat(last.headers().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo(EdgeServer.ALLOWED_ORIGIN);
        assertThat(last.headers().get(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS)).containsIgnoringCase("retry-after");
    }
}
