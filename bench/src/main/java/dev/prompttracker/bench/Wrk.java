package dev.prompttracker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs {@code wrk} (closed loop, the REST scenarios) with the harness's Lua script and reads its summary. */
final class Wrk {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path workDir;
    private final Path script;

    Wrk(Path workDir) throws IOException {
        this.workDir = workDir;
        this.script = workDir.resolve("scenario.lua");
        try (InputStream lua = Wrk.class.getResourceAsStream("/wrk/scenario.lua")) {
            Files.write(script, lua.readAllBytes());
        }
    }

    /** What one REST scenario sends. */
    record Request(String method, List<String> paths, Map<String, String> headers, Path body) {
    }

    record Summary(long requests, Duration elapsed, long errors, long statusErrors, double p50Millis,
                   double p99Millis, double p999Millis) {
        double requestsPerSecond() {
            return requests / (elapsed.toNanos() / 1e9);
        }
    }

    Summary run(String baseUrl, Request request, int connections, Duration duration) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c" + connections,
                "-d" + Math.max(1, duration.toSeconds()) + "s", "--timeout", "5s", "-s", script.toString(), baseUrl));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("BENCH_METHOD", request.method());
        // A file, not the environment: thousands of paths exceed what one environment variable may hold.
        Path paths = Files.createTempFile(workDir, "paths", ".txt");
        Files.write(paths, request.paths());
        builder.environment().put("BENCH_PATHS_FILE", paths.toString());
        StringBuilder headers = new StringBuilder();
        request.headers().forEach((name, value) -> headers.append(headers.isEmpty() ? "" : "|").append(name)
                .append(": ").append(value));
        builder.environment().put("BENCH_HEADERS", headers.toString());
        builder.environment().put("BENCH_BODY_FILE", request.body() == null ? "" : request.body().toString());
        try {
            Process wrk = builder.start();
            String output = new String(wrk.getInputStream().readAllBytes());
            if (wrk.waitFor() != 0) {
                throw new IllegalStateException("wrk failed: " + output);
            }
            return parse(output);
        } finally {
            Files.deleteIfExists(paths);
        }
    }

    static Summary parse(String output) throws IOException {
        String line = output.lines().filter(l -> l.startsWith("BENCH_JSON ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("wrk printed no summary: " + output));
        JsonNode json = JSON.readTree(line.substring("BENCH_JSON ".length()));
        long status = json.get("status").asLong();
        long errors = status + json.get("connect").asLong() + json.get("read").asLong() + json.get("write").asLong()
                + json.get("timeout").asLong();
        return new Summary(json.get("requests").asLong(), Duration.ofNanos(json.get("duration_us").asLong() * 1_000),
                errors, status, json.get("p50").asLong() / 1000.0, json.get("p99").asLong() / 1000.0,
                json.get("p999").asLong() / 1000.0);
    }
}
