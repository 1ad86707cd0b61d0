package dev.prompttracker.adapter.http;

import dev.prompttracker.adapter.http.error.ErrorKind;
import dev.prompttracker.adapter.http.support.EdgeServer;
import dev.prompttracker.adapter.http.support.Outcome;
import dev.prompttracker.adapter.http.support.Rpcs;
import dev.prompttracker.adapter.http.support.Transport;
import dev.prompttracker.proto.v1.RequestMagicLinkRequest;
import dev.prompttracker.proto.v1.RequestMagicLinkResponse;
import dev.prompttracker.proto.v1.SignUpRequest;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asking for a sign-in link answers the same for a known and an unknown address, also while the stores
 * or the queue fail: the request path looks nothing up, so a failing store changes nothing, and a
 * failing queue fails both alike.
 */
class MagicLinkUniformityEdgeTest {
    @RegisterExtension
    static final EdgeServer server = new EdgeServer();

    static Stream<Transport> transports() {
        return server.transports();
    }

    private static Outcome<RequestMagicLinkResponse> ask(Transport t, String email) {
        return t.call(Rpcs.REQUEST_MAGIC_LINK, null, RequestMagicLinkRequest.newBuilder().setEmail(email).build());
    }

    private static String known(Transport t) {
        String email = "known" + System.nanoTime() + "@example.com";
        t.call(Rpcs.SIGN_UP, null, SignUpRequest.newBuilder().setEmail(email).build()).ok();
        return email;
    }

    private static String unknown() {
        return "nobody" + System.nanoTime() + "@example.com";
    }

    @ParameterizedTest
    @MethodSource("transports")
    void knownAndUnknownAddressesGetTheSameAnswer(Transport t) {
        assertThat(ask(t, known(t)).ok()).isEqualTo(ask(t, unknown()).ok());
    }

    @ParameterizedTest
    @MethodSource("transports")
    void whileTheStoresAreDownTheAnswerIsStillTheSame(Transport t) {
        String known = known(t);
        server.storeOutage.start();
        try {
            assertThat(ask(t, known).ok()).isEqualTo(ask(t, unknown()).ok());
        } finally {
            server.storeOutage.end();
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void whileTheQueueIsDownBothFailAlike(Transport t) {
        String known = known(t);
        server.queueOutage.start();
        try {
            Outcome<RequestMagicLinkResponse> forKnown = ask(t, known).failsWith(ErrorKind.UNAVAILABLE);
            Outcome<RequestMagicLinkResponse> forUnknown = ask(t, unknown()).failsWith(ErrorKind.UNAVAILABLE);
            assertThat(withoutRequestId(forKnown)).isEqualTo(withoutRequestId(forUnknown));
            assertThat(forKnown.problem().map(Object::toString).orElse(forKnown.detail()))
                    .doesNotContain(known, "unreachable");
        } finally {
            server.queueOutage.end();
        }
    }

    /** What a client sees of the failure, but for the request's own id. */
    private static String withoutRequestId(Outcome<?> outcome) {
        String seen = outcome.problem().map(problem -> {
            var copy = problem.deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove("requestId");
            return copy.toString();
        }).orElse(outcome.detail());
        return seen.replaceAll("request id [0-9a-f]+", "request id …");
    }
}
