package dev.prompttracker.bench;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.Server;
import dev.prompttracker.proto.v1.GetPromptRequest;
import dev.prompttracker.proto.v1.ListPromptsRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** h2load's output and log, the gRPC frame it posts, and the product's count of failed calls. */
class H2loadTest {
    /** h2load 1.52.0's output of a timed run (-c 4 -m 1 -t 2 --warm-up-time=1 -D 2), captured. */
    private static final String OUTPUT = """
            starting benchmark...
            spawning thread #0: 2 total client(s). Timing-based test with 1s of warm-up time and 2s of main duration for measurements.
            spawning thread #1: 2 total client(s). Timing-based test with 1s of warm-up time and 2s of main duration for measurements.
            Warm-up started for thread #1.
            Warm-up started for thread #0.
            progress: 50% of clients started
            progress: 100% of clients started
            Application protocol: h2c
            Warm-up phase is over for thread #1.
            Main benchmark duration is started for thread #1.
            Warm-up phase is over for thread #0.
            Main benchmark duration is started for thread #0.
            Main benchmark duration is over for thread #0. Stopping all clients.
            Stopped all clients for thread #0
            Main benchmark duration is over for thread #1. Stopping all clients.
            Stopped all clients for thread #1

            finished in 3.01s, 342.50 req/s, 94.99KB/s
            requests: 685 total, 685 started, 685 done, 685 succeeded, 0 failed, 0 errored, 0 timeout
            status codes: 685 2xx, 0 3xx, 0 4xx, 0 5xx
            traffic: 189.99KB (194545) total, 234.89KB (240527) headers (space savings 53.33%), 0B (0) data
                                 min         max         mean         sd        +/- sd
            time for request:     3.11ms     31.77ms     11.60ms      4.74ms    70.07%
            time for connect:        0us         0us         0us         0us     0.00%
            time to 1st byte:        0us         0us         0us         0us     0.00%
            req/s           :      83.57       87.40       85.36        1.66    50.00%
            """;

    @Test
    void readsTheMeasuredPhasesRateAndCalls() {
        H2load.Summary summary = H2load.parse(OUTPUT);
        // The rate is over the 2 s measured, not the 3.01 s with the warm-up.
        assertThat(summary.requestsPerSecond()).isEqualTo(342.50);
        assertThat(summary.done()).isEqualTo(685);
        assertThat(summary.errors()).isZero();
    }

    @Test
    void everyCallWithoutA2xxIsAnError() {
        // Captured from a call to a method the server does not have.
        H2load.Summary summary = H2load.parse("""
                finished in 2.00s, 1794.00 req/s, 148.23KB/s
                requests: 1794 total, 1794 started, 1794 done, 0 succeeded, 1794 failed, 0 errored, 0 timeout
                status codes: 0 2xx, 0 3xx, 1794 4xx, 0 5xx
                """);
        assertThat(summary.errors()).isEqualTo(1794);
        // Captured at a phase's edge: two streams cut short leave "status codes" two below "done".
        assertThat(H2load.parse("""
                finished in 2.00s, 3362.00 req/s, 148.23KB/s
                requests: 3362 total, 3362 started, 3362 done, 3362 succeeded, 0 failed, 0 errored, 0 timeout
                status codes: 3360 2xx, 0 3xx, 0 4xx, 0 5xx
                """).errors()).isZero();
        assertThatThrownBy(() -> H2load.parse("h2load: unknown option\n"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("h2load printed no");
    }

    @Test
    void percentilesComeFromThePerRequestLog(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("log.tsv");
        StringBuilder rows = new StringBuilder();
        for (int i = 1; i <= 1000; i++) {
            // start (µs since the epoch), status, µs until the end of the response: 1 ms ... 1000 ms
            rows.append(1796200810202810L + i).append("\t200\t").append(i * 1000).append('\n');
        }
        Files.writeString(log, rows);
        H2load.Latency latency = H2load.latency(log);
        assertThat(latency.count()).isEqualTo(1000);
        assertThat(latency.p50Millis()).isBetween(499.0, 501.0);
        assertThat(latency.p99Millis()).isBetween(989.0, 991.0);
        assertThat(latency.p999Millis()).isBetween(998.0, 1000.0);

        Files.writeString(log, "");
        assertThat(H2load.latency(log).p99Millis()).isNaN();
    }

    @Test
    void theCommandIsAClosedLoopWithOneStreamPerConnectionAndTheGrpcHeaders() {
        List<String> command = H2load.command("http://127.0.0.1:1/prompttracker.v1.PromptService/GetPrompt",
                Map.of("Authorization", "Bearer t"), 64, Duration.ofSeconds(2), Duration.ofSeconds(8),
                Path.of("/tmp/body"), Path.of("/tmp/log"));
        assertThat(String.join(" ", command)).startsWith("h2load -c 64 -m 1 -t 2 -D 8 --warm-up-time=2 -d /tmp/body")
                .contains("--log-file=/tmp/log", "-H content-type: application/grpc", "-H te: trailers")
                .endsWith("-H authorization: Bearer t http://127.0.0.1:1/prompttracker.v1.PromptService/GetPrompt");
        assertThat(command).containsSubsequence("-H", "authorization: Bearer t");
        // h2load refuses more threads than connections.
        assertThat(H2load.command("http://x/", Map.of(), 1, Duration.ZERO, Duration.ofSeconds(1), Path.of("b"),
                Path.of("l"))).containsSubsequence("-t", "1").noneMatch(a -> a.startsWith("--warm-up-time"));
    }

    @Test
    void aFrameIsAZeroFlagABigEndianLengthAndTheMessage() {
        byte[] frame = GrpcFrame.of(GetPromptRequest.newBuilder().setId("abc").build());
        // field 1, length-delimited, 3 bytes: "abc"
        assertThat(frame).containsExactly(0, 0, 0, 0, 5, 0x0a, 3, 'a', 'b', 'c');
        byte[] list = GrpcFrame.of(ListPromptsRequest.newBuilder().setPageSize(50).build());
        assertThat(list).containsExactly(0, 0, 0, 0, 2, 0x08, 50);

        assertThat(GrpcFrame.payload(frame)).containsExactly(0x0a, 3, 'a', 'b', 'c');
        assertThatThrownBy(() -> GrpcFrame.payload(new byte[] {1, 0, 0, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compressed");
        assertThatThrownBy(() -> GrpcFrame.payload(new byte[] {0, 0, 0, 0, 9, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frame says 9 bytes");
        assertThatThrownBy(() -> GrpcFrame.payload(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void failedCallsAreTheProductsFailureCountsOfThatMethod() {
        String exposition = """
                # TYPE http_server_requests_total counter
                http_server_requests_total{hostname_pattern="*",http_status="200",method="GetPrompt",result="failure",service="prompttracker.v1.PromptService"} 876.0
                http_server_requests_total{hostname_pattern="*",http_status="200",method="GetPrompt",result="success",service="prompttracker.v1.PromptService"} 5000.0
                http_server_requests_total{hostname_pattern="*",http_status="500",method="GetPrompt",result="failure",service="prompttracker.v1.PromptService"} 1.0
                http_server_requests_total{hostname_pattern="*",http_status="200",method="ListPrompts",result="failure",service="prompttracker.v1.PromptService"} 7.0
                http_server_request_duration_seconds_count{hostname_pattern="*",http_status="200",method="GetPrompt",service="prompttracker.v1.PromptService"} 876
                """;
        assertThat(ProductMetrics.failedCalls(exposition, "prompttracker.v1.PromptService/GetPrompt")).isEqualTo(877);
        assertThat(ProductMetrics.failedCalls(exposition, "prompttracker.v1.PromptService/ListPrompts")).isEqualTo(7);
        assertThat(ProductMetrics.failedCalls(exposition, "prompttracker.v1.OtherService/GetPrompt")).isZero();
    }

    @Test
    void runsTheRealH2loadAndReadsTheMeasuredPhase(@TempDir Path work) throws Exception {
        assumeThat(installed()).as("h2load is not installed").isTrue();
        AtomicReference<String> contentType = new AtomicReference<>();
        Server server = Server.builder().localPort(0, com.linecorp.armeria.common.SessionProtocol.HTTP)
                .service("/prompttracker.v1.PromptService/GetPrompt", (ctx, request) -> {
                    contentType.set(request.headers().get("content-type"));
                    return HttpResponse.of(HttpStatus.OK, MediaType.parse("application/grpc"), new byte[] {0, 0, 0, 0, 0});
                }).build();
        server.start().join();
        try {
            byte[] body = GrpcFrame.of(GetPromptRequest.newBuilder().setId("abc").build());
            H2load.Result result = new H2load(work).run("http://127.0.0.1:" + server.activeLocalPort(),
                    new H2load.Call("/prompttracker.v1.PromptService/GetPrompt", Map.of(), body), 2,
                    Duration.ofSeconds(1), Duration.ofSeconds(1), ProcessHandle.current().pid());
            assertThat(result.summary().done()).isPositive();
            assertThat(result.summary().errors()).isZero();
            assertThat(result.latency().count()).isEqualTo(result.summary().done());
            assertThat(result.latency().p99Millis()).isPositive();
            assertThat(result.observedCpuMillis()).isNotNegative();
            assertThat(result.generatorCpuMillis()).isPresent();
            assertThat(contentType.get()).isEqualTo("application/grpc");
        } finally {
            server.stop().join();
        }
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left).isEmpty();
        }
    }

    private static boolean installed() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "h2load")));
    }
}
