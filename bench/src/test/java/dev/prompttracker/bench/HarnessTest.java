package dev.prompttracker.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The harness's own parts: wrk's summary, the open-loop schedule, the report, the limit body. */
class HarnessTest {

    @Test
    void readsWrksSummaryLineAndCountsEveryKindOfError() throws Exception {
        Wrk.Summary summary = Wrk.parse("""
                Running 10s test @ http://127.0.0.1:8080
                BENCH_JSON {"requests":20000,"duration_us":10000000,"connect":1,"read":2,"write":0,"status":3,"timeout":4,\
                "p50":812,"p99":4100,"p999":9050,"max":12000}
                """);
        assertThat(summary.requestsPerSecond()).isCloseTo(2000.0, within(0.001));
        assertThat(summary.errors()).isEqualTo(10);
        assertThat(summary.statusErrors()).isEqualTo(3);
        assertThat(summary.p50Millis()).isEqualTo(0.812);
        assertThat(summary.p999Millis()).isEqualTo(9.05);
    }

    @Test
    void theOpenLoopKeepsItsScheduleAndCountsFromTheScheduledTime() {
        OpenLoopLoad immediate = new OpenLoopLoad((connection, ok, failed) -> ok.run(), 4, 1_000);
        OpenLoopLoad.Result fast = immediate.run(2_000, Duration.ofMillis(200), Duration.ofSeconds(1));
        assertThat(fast.scheduled()).isBetween(1_990L, 2_010L);
        assertThat(fast.completed()).isEqualTo(fast.scheduled());
        assertThat(fast.errors()).isZero();

        // A server that answers each request 20 ms late: every latency includes that wait.
        try (ScheduledExecutorService server = Executors.newScheduledThreadPool(2)) {
            OpenLoopLoad delayed = new OpenLoopLoad((connection, ok, failed) ->
                    server.schedule(ok, 20, TimeUnit.MILLISECONDS), 4, 1_000);
            OpenLoopLoad.Result slow = delayed.run(500, Duration.ofMillis(100), Duration.ofMillis(500));
            assertThat(slow.latencyMicros().getValueAtPercentile(50)).isGreaterThanOrEqualTo(20_000);
            assertThat(slow.errors()).isZero();
        }
    }

    @Test
    void requestsBeyondTheOutstandingCapAreErrorsNotDelays() {
        OpenLoopLoad neverAnswers = new OpenLoopLoad((connection, ok, failed) -> { }, 1, 10);
        OpenLoopLoad.Result result = neverAnswers.run(1_000, Duration.ZERO, Duration.ofMillis(200));
        assertThat(result.completed()).isZero();
        assertThat(result.errors()).isGreaterThanOrEqualTo(result.scheduled());
    }

    @Test
    void theReportShowsTheRatioToTheLimit() {
        String table = Report.markdown("run", List.of("machine: test"), List.of(
                new Scenario("limit", "REST", 16, 20_000, 0.5, 2, 3, 0, Double.NaN, Double.NaN),
                new Scenario("GET prompt", "REST", 16, 12_000, 1, 4, 6, 0, 0.1, 0.6)));
        assertThat(table).contains("- machine: test", "| GET prompt | REST | 16 | 12,000 | 1.00 | 4.00 | 6.00 | 0 | 60 % |",
                "| limit | REST | 16 | 20,000 | 0.50 | 2.00 | 3.00 | 0 | — | — |");
    }

    @Test
    void theLimitBodyIsTwoKilobytesOfJson() throws Exception {
        byte[] body = LimitServer.body(LimitServer.BODY_BYTES);
        assertThat(body).hasSize(2048);
        assertThat(Rest.JSON.readTree(body).get("content").asText()).hasSize(2048 - 14);
    }

    @Test
    void optionsAreReadAndAnUnknownOrIncompleteOneIsRefused() {
        BenchRun.Options options = BenchRun.Options.parse(
                new String[] {"--duration", "20", "--connections", "8, 32", "--only", "GET prompt"});
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(20));
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(2));
        assertThat(options.writeWarmUp()).isEqualTo(BenchRun.WRITE_WARM_UP);
        assertThat(BenchRun.Options.parse(new String[] {"--warmup", "12"}).writeWarmUp())
                .isEqualTo(Duration.ofSeconds(12));
        assertThat(options.connections()).containsExactly(8, 32);
        assertThat(options.only()).isEqualTo("GET prompt");

        assertThatThrownBy(() -> BenchRun.Options.parse(new String[] {"--seconds", "5"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown option --seconds");
        assertThatThrownBy(() -> BenchRun.Options.parse(new String[] {"--duration"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--duration needs a value");
        assertThatThrownBy(() -> BenchRun.Options.parse(new String[] {"--duration", "ten"}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
