package dev.prompttracker.adapter.http;

import dev.prompttracker.adapter.http.error.ErrorKind;
import dev.prompttracker.adapter.http.support.BreakableBlobStore;
import dev.prompttracker.adapter.http.support.CapturedLog;
import dev.prompttracker.adapter.http.support.EdgeServer;
import dev.prompttracker.adapter.http.support.Rpcs;
import dev.prompttracker.adapter.http.support.Transport;
import dev.prompttracker.proto.v1.CreatePromptRequest;
import dev.prompttracker.proto.v1.UpdatePromptRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failing dependency is a 503 / UNAVAILABLE and a bug a 500 / INTERNAL; neither tells the client more
 * than that (and the request id): what went wrong is logged, once.
 */
class FailureEdgeTest {
    @RegisterExtension
    static final EdgeServer server = new EdgeServer();

    static Stream<Transport> transports() {
        return server.transports();
    }

    @AfterEach
    void repair() {
        server.blobs.mode(BreakableBlobStore.Mode.WORKING);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void anUnavailableStoreIsReportedAsUnavailableWithoutItsMessage(Transport t) {
        String token = server.newUser(t).getAccessToken();
        server.blobs.mode(BreakableBlobStore.Mode.UNAVAILABLE);
        try (CapturedLog log = new CapturedLog()) {
            var outcome = t.call(Rpcs.CREATE_PROMPT, token, CreatePromptRequest.newBuilder().setContent("x").build())
                    .failsWith(ErrorKind.UNAVAILABLE);
            assertThat(outcome.detail()).contains("temporarily unavailable")
                    .doesNotContain("sk_live_SECRET123", "/var/data", "unreachable");
            outcome.problem().ifPresent(problem -> {
                assertThat(problem.toString()).doesNotContain("sk_live_SECRET123", "/var/data", "unreachable");
                assertThat(log.eventsMentioning(BreakableBlobStore.UPSTREAM_SECRET)).singleElement().asString()
                        .contains(problem.get("requestId").asText());
            });
            assertThat(log.eventsMentioning(BreakableBlobStore.UPSTREAM_SECRET)).hasSize(1);
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void aBugIsAGenericInternalErrorWithoutDetails(Transport t) {
        String token = server.newUser(t).getAccessToken();
        server.blobs.mode(BreakableBlobStore.Mode.BUGGY);
        try (CapturedLog log = new CapturedLog()) {
            var outcome = t.call(Rpcs.CREATE_PROMPT, token, CreatePromptRequest.newBuilder().setContent("x").build())
                    .failsWith(ErrorKind.INTERNAL);
            assertThat(outcome.detail()).startsWith("internal error").doesNotContain("passwd", "line 42",
                    "IllegalStateException");
            outcome.problem().ifPresent(problem -> assertThat(problem.toString()).doesNotContain("passwd", "line 42",
                    "IllegalStateException"));
            assertThat(log.eventsMentioning("/etc/passwd")).as("logged once, not once per handler").hasSize(1);
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void aBugInATranscodedCallIsLoggedOnce(Transport t) {
        String token = server.newUser(t).getAccessToken();
        String id = t.call(Rpcs.CREATE_PROMPT, token, CreatePromptRequest.newBuilder().setContent("x").build()).ok().getId();
        server.blobs.mode(BreakableBlobStore.Mode.BUGGY);
        try (CapturedLog log = new CapturedLog()) {
            t.call(Rpcs.UPDATE_PROMPT, token, UpdatePromptRequest.newBuilder().setId(id).setContent("y").build())
                    .failsWith(ErrorKind.INTERNAL);
            assertThat(log.eventsMentioning("/etc/passwd")).hasSize(1);
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void blockingWorkRunsOnVirtualThreadsNotOnEventLoops(Transport t) {
        String token = server.newUser(t).getAccessToken();
        t.call(Rpcs.CREATE_PROMPT, token, CreatePromptRequest.newBuilder().setContent("x").build()).ok();
        Thread worker = server.blobs.lastThread();
        assertThat(worker.isVirtual()).isTrue();
        assertThat(worker.getName()).doesNotContain("armeria-common-worker").doesNotContain("eventLoop");
    }
}
