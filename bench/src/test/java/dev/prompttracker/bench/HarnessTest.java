package dev.prompttracker.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The harness's own parts: wrk's summary, the report, the limit body, the options. */
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
    void theReportShowsTheRatioToTheLimit() {
        String table = Report.markdown("run", List.of("machine: test"), List.of(
                new Scenario("limit", "REST", 16, 20_000, 0.5, 2, 3, 0, Double.NaN, Double.NaN),
                new Scenario("GET prompt", "REST", 16, 12_000, 1, 4, 6, 0, 0.1, 0.6)));
        assertThat(table).contains("- machine: test", "| GET prompt | REST | 16 | 12,000 | 1.00 | 4.00 | 6.00 | 0 | 60 % |",
                "| limit | REST | 16 | 20,000 | 0.50 | 2.00 | 3.00 | 0 | — | — |");
    }

    @Test
    void grpcRowsAreSetAgainstTheRestRowOfTheSameScenarioAndConnections() {
        String table = Report.markdown("run", List.of(), List.of(
                new Scenario("GET prompt", "REST", 16, 40_000, 1, 4, 6, 0, 0.03, 0.8),
                new Scenario("GET prompt", "REST", 64, 50_000, 1, 4, 6, 0, 0.03, 0.7),
                new Scenario("GET prompt", "gRPC, h2load -m 1, generator 0.010 ms/req", 16, 30_000, 1, 4, 6, 0, 0.05, 0.6),
                new Scenario("list", "gRPC, h2load -m 1, generator 0.010 ms/req", 16, 9_000, 1, 4, 6, 0, 0.05, 0.2),
                new Scenario("GET prompt (FAILED)", "gRPC", 64, 0, Double.NaN, Double.NaN, Double.NaN, -1, Double.NaN, 0)));
        assertThat(table).contains("- gRPC vs REST, GET prompt, 16 connections: 0.75 (30,000 ÷ 40,000 req/s)",
                "| GET prompt (FAILED) | gRPC | 64 | 0 | — | — | — | -1 | 0 % | — |");
        // No REST row to compare with: no ratio rather than a made-up one.
        assertThat(table).doesNotContain("gRPC vs REST, list", "64 connections: ");
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
