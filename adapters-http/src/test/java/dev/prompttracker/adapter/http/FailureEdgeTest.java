package dev.prompttracker.adapter.http;

import dev.prompttracker.adapter.http.error.ErrorKind;
import dev.prompttracker.adapter.http.support.BreakableBlobStore;
import dev.prompttracker.adapter.http.support.EdgeServer;
import dev.prompttracker.adapter.http.support.Rpcs;
import dev.prompttracker.adapter.http.support.Transport;
import dev.prompttracker.proto.v1.CreatePromptRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A failing dependency is a 503 / UNAVAILABLE; a bug is a generic 500 / INTERNAL that leaks nothing. */
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
    void anUnavailableStoreIsReportedAsUnavailable(Transport t) {
        String token = server.newUser(t).getAccessToken();
        server.blobs.mode(BreakableBlobStore.Mode.UNAVAILABLE);
        var outcome = t.call(Rpcs.CREATE_PROMPT, token, CreatePromptRequest.newBuilder().setContent("x").build())
                .failsWith(ErrorKind.UNAVAILABLE);
        assertThat(outcome.detail()).contains("unreachable");
    }

    @ParameterizedTest
    @MethodSource("transports")
    void aBugIsAGenericInternalErrorWithoutDetails(Transport t) {
        String token = server.newUser(t).getAccessToken();
        server.blobs.mode(BreakableBlobStore.Mode.BUGGY);
        var outcome = t.call(Rpcs.CREATE_PROMPT, token, CreatePromptRequest.newBuilder().setContent("x").build())
                .failsWith(ErrorKind.INTERNAL);
        assertThat(outcome.detail()).startsWith("internal error").doesNotContain("passwd");
        outcome.problem().ifPresent(problem -> assertThat(problem.toString()).doesNotContain("passwd", "line 42",
                "IllegalStateException"));
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
