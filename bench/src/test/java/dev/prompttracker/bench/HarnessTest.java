package dev.prompttracker.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The harness's own parts: wrk's summary, the report, the limit body, the options, the diff texts, the heap reading. */
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
    void aCountersTotalSumsItsSeriesAndNoOtherCounter() {
        String exposition = """
                # HELP d1_sql_seconds_total the time D1 reports running the statements
                # TYPE d1_sql_seconds_total counter
                d1_sql_seconds_total{route="/api/prompts"} 1.25
                d1_sql_seconds_total{route="background"} 0.5
                d1_sql_seconds_total_other{route="/api/prompts"} 9
                d1_rows_total{kind="read",route="/api/prompts"} 40
                """;
        assertThat(ProductMetrics.counterTotal(exposition, "d1_sql_seconds_total")).isCloseTo(1.75, within(1e-9));
        assertThat(ProductMetrics.counterTotal(exposition, "store_calls_total")).isZero();
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

    @Test
    void theDiffTextsAreAbout100KilobytesAndTheRevisionChangesAFewPercentOfTheLines() {
        String first = DiffTexts.document(1);
        String second = DiffTexts.revise(first, Seeder.VERSION_EDITS, 3, 2);
        assertThat(first.length()).isBetween(DiffTexts.BYTES, DiffTexts.BYTES + 1_000);
        assertThat(second.length()).isBetween(DiffTexts.BYTES * 9 / 10, DiffTexts.BYTES * 11 / 10);
        assertThat(DiffTexts.document(1)).as("the same text on every run").isEqualTo(first);
        assertThat(DiffTexts.revise(first, Seeder.VERSION_EDITS, 3, 2)).isEqualTo(second);

        List<String> before = first.lines().filter(line -> !line.isEmpty()).toList();
        List<String> after = second.lines().filter(line -> !line.isEmpty()).toList();
        long added = after.stream().filter(line -> !before.contains(line)).count();
        long removed = before.stream().filter(line -> !after.contains(line)).count();
        // About 2 % of ~1,400 lines edited, plus the lines of three paragraphs each way (4–12 lines each).
        assertThat(before).hasSizeBetween(1_200, 1_800);
        assertThat(added).isBetween(before.size() / 100 + 12L, before.size() / 25 + 36L);
        assertThat(removed).isBetween(before.size() / 100 + 12L, before.size() / 25 + 36L);
        assertThat(first.split("\n\n").length).as("paragraphs").isGreaterThan(100);
    }

    @Test
    void theHeapInUseIsTheSumOfTheGenerationsThatJcmdLists() {
        String serial = """
                16565:
                DefNew     total 22144K, used 8926K [0x00000000fb800000, 0x00000000fd000000, 0x00000000fd000000)
                 eden space 19712K,  45% used [0x00000000fb800000, 0x00000000fc0b78a8, 0x00000000fcb40000)
                Tenured    total 49152K, used 1166K [0x00000000fd000000, 0x0000000100000000, 0x0000000100000000)
                 the  space 49152K,   2% used [0x00000000fd000000, 0x00000000fd123ab8, 0x0000000100000000)
                 Metaspace       used 1200K, committed 1344K, reserved 1114112K
                """;
        assertThat(ProcessStats.heapUsedMiB(serial)).isCloseTo((8926 + 1166) / 1024.0, within(1e-9));
        assertThat(ProcessStats.heapUsedMiB("12: no such process")).isNaN();
    }

    @Test
    void helpListsEveryScenarioAndOnlyPicksTheDiffs() {
        assertThat(BenchRun.Options.USAGE).contains("  diff of two 100 KB versions", "  diff of two 100 KB responses",
                "  GET prompt + 3 responses (owner)");
        assertThat(BenchRun.REST_SCENARIOS.stream().filter(name -> name.contains(
                BenchRun.Options.parse(new String[] {"--only", "diff"}).only()))).hasSize(2);
        assertThat(BenchRun.Options.USAGE).contains("bench/run --gateway");
        assertThat(BenchRun.REST_SCENARIOS).as("the gateway run measures scenarios the harness builds")
                .containsAll(BenchRun.GATEWAY_SCENARIOS);
    }
}
