package dev.prompttracker.bench;

import org.HdrHistogram.Histogram;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs {@code h2load} (nghttp2's HTTP/2 load generator, native code) for the gRPC unary calls: closed
 * loop like wrk, one stream per connection ({@code -m 1}), so N connections keep N calls in flight.
 * h2load counts HTTP 200 as success whatever the grpc-status; the caller checks that separately.
 */
final class H2load {
    private static final Pattern FINISHED = Pattern.compile("^finished in \\S+, ([\\d.]+) req/s", Pattern.MULTILINE);
    private static final Pattern REQUESTS = Pattern.compile(
            "^requests: \\d+ total, \\d+ started, (\\d+) done, \\d+ succeeded, (\\d+) failed,", Pattern.MULTILINE);
    private static final String MAIN_STARTED = "Main benchmark duration is started";
    private static final String MAIN_OVER = "Main benchmark duration is over";

    private final Path workDir;

    H2load(Path workDir) {
        this.workDir = workDir;
    }

    /** One unary call: the method's path, the request headers, the framed request message. */
    record Call(String path, Map<String, String> headers, byte[] body) {
    }

    /**
     * What h2load printed for the measured phase: calls done, those failed, its req/s. Its "status codes"
     * line is not used: streams cut at the phase's edges make it differ from "done" by up to one per
     * connection either way, while "failed" counts exactly the non-2xx answers, stream errors and timeouts.
     */
    record Summary(long done, long failed, double requestsPerSecond) {
        /** Every call without a 2xx: other statuses, stream errors, timeouts (grpc-status is not seen here). */
        long errors() {
            return failed;
        }
    }

    /** Latency from h2load's per-request log of the measured phase (microseconds until the end of the response). */
    record Latency(long count, double p50Millis, double p99Millis, double p999Millis) {
        static final Latency NONE = new Latency(0, Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * {@code observedCpuMillis}: the watched process's CPU over the measured phase; {@code generatorCpuMillis}
     * the same for h2load itself, empty when it could not be read.
     */
    record Result(Summary summary, Latency latency, long observedCpuMillis, OptionalLong generatorCpuMillis) {
    }

    /**
     * Warm-up, then the measured phase, in one h2load process; the CPU time of {@code observedPid} (the
     * server) and of h2load is read when h2load announces the measured phase's start and end.
     */
    Result run(String baseUrl, Call call, int connections, Duration warmup, Duration duration, long observedPid)
            throws IOException, InterruptedException {
        Path body = Files.createTempFile(workDir, "grpc-request", ".bin");
        Path log = Files.createTempFile(workDir, "h2load", ".tsv");
        try {
            Files.write(body, call.body());
            List<String> command = command(baseUrl + call.path(), call.headers(), connections, warmup, duration,
                    body, log);
            Process h2load = new ProcessBuilder(command).redirectErrorStream(true).start();
            // h2load may exit before its last line is read here: its CPU is also polled while it runs.
            AtomicLong generatorSeen = new AtomicLong(-1);
            Thread poller = Thread.ofPlatform().daemon(true).start(() -> {
                while (h2load.isAlive()) {
                    ProcessStats.cpuMillisWhileRunning(h2load.pid()).ifPresent(generatorSeen::set);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            StringBuilder output = new StringBuilder();
            long observedAtStart = -1;
            long generatorAtStart = -1;
            long observedAtEnd = -1;
            long generatorAtEnd = -1;
            int threadsOver = 0;
            int threads = threads(connections);
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(h2load.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.append(line).append('\n');
                    if (line.startsWith(MAIN_STARTED) && observedAtStart < 0) {
                        observedAtStart = ProcessStats.cpuMillis(observedPid);
                        generatorAtStart = ProcessStats.cpuMillisWhileRunning(h2load.pid()).orElse(-1);
                    } else if (line.startsWith(MAIN_OVER) && ++threadsOver == threads) {
                        observedAtEnd = ProcessStats.cpuMillis(observedPid);
                        generatorAtEnd = ProcessStats.cpuMillisWhileRunning(h2load.pid()).orElse(generatorSeen.get());
                    }
                }
            } finally {
                poller.interrupt();
            }
            if (h2load.waitFor() != 0 || observedAtEnd < 0 || observedAtStart < 0) {
                throw new IllegalStateException("h2load failed: " + output);
            }
            return new Result(parse(output.toString()), latency(log), observedAtEnd - observedAtStart,
                    generatorAtStart < 0 || generatorAtEnd < generatorAtStart ? OptionalLong.empty()
                            : OptionalLong.of(generatorAtEnd - generatorAtStart));
        } finally {
            Files.deleteIfExists(body);
            Files.deleteIfExists(log);
        }
    }

    static List<String> command(String url, Map<String, String> headers, int connections, Duration warmup,
                                Duration duration, Path body, Path log) {
        List<String> command = new ArrayList<>(List.of("h2load", "-c", Integer.toString(connections), "-m", "1",
                "-t", Integer.toString(threads(connections)), "-D", Long.toString(Math.max(1, duration.toSeconds()))));
        if (!warmup.isZero()) {
            command.add("--warm-up-time=" + warmup.toSeconds());
        }
        command.addAll(List.of("-d", body.toString(), "--log-file=" + log, "-H", "content-type: application/grpc",
                "-H", "te: trailers"));
        headers.forEach((name, value) -> command.addAll(List.of("-H", name.toLowerCase(java.util.Locale.ROOT)
                + ": " + value)));
        command.add(url);
        return command;
    }

    /** Two threads like wrk's -t2; h2load needs at least one connection per thread. */
    private static int threads(int connections) {
        return Math.min(2, connections);
    }

    static Summary parse(String output) {
        Matcher requests = find(REQUESTS, output);
        return new Summary(Long.parseLong(requests.group(1)), Long.parseLong(requests.group(2)),
                Double.parseDouble(find(FINISHED, output).group(1)));
    }

    /** Reads the tab-separated log: start time, status, microseconds until the end of the response. */
    static Latency latency(Path log) throws IOException {
        Histogram histogram = new Histogram(3);
        try (Stream<String> rows = Files.lines(log)) {
            rows.filter(row -> !row.isBlank()).forEach(row -> {
                String[] columns = row.split("\t");
                histogram.recordValue(Math.max(1, Long.parseLong(columns[2].strip())));
            });
        }
        if (histogram.getTotalCount() == 0) {
            return Latency.NONE;
        }
        return new Latency(histogram.getTotalCount(), histogram.getValueAtPercentile(50) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0, histogram.getValueAtPercentile(99.9) / 1000.0);
    }

    private static Matcher find(Pattern pattern, String output) {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("h2load printed no '" + pattern.pattern() + "': " + output);
        }
        return matcher;
    }
}
