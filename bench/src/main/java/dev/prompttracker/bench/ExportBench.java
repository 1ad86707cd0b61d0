package dev.prompttracker.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The export and import scenario ({@code bench/run --export}): a fresh product, one user with
 * {@code prompts} prompts of {@code textBytes} characters each, a response of a quarter of that to every
 * prompt and a second version of every tenth, written over the API. Then {@code GET /api/export} is read
 * to a file as fast as the harness takes it, and the file is uploaded again by another user
 * ({@code POST /api/import}, every record new to them). A sampler reads the product's heap in use
 * ({@code jcmd GC.heap_info}) four times a second during each phase, so the report shows whether an
 * export or an import of any size runs in flat memory; the product runs with the bench's small heap
 * ({@link BenchRun#JVM_FLAGS}).
 */
final class ExportBench {
    record Options(Path productJar, Path dataRoot, int prompts, int textBytes, int writers) {
    }

    private record Phase(String name, long records, long bytes, double seconds, double heapMaxMiB, int heapSamples) {
    }

    private ExportBench() {
    }

    static String run(Options options) throws Exception {
        Path dataDir = options.dataRoot().resolve("export-run");
        deleteTree(dataDir);
        Files.createDirectories(dataDir);
        Path log = dataDir.resolve("product.log");
        Path file = dataDir.resolve("export.jsonl");
        int port = SearchBench.freePort();
        Process product = SearchBench.start(options.productJar(), dataDir.resolve("data"), port, log, Map.of());
        try {
            String base = "http://127.0.0.1:" + port;
            Rest rest = new Rest(base);
            String owner = register(rest, "exporter");
            long seedStarted = System.nanoTime();
            long textBytes = seed(rest, owner, options);
            double seedSeconds = (System.nanoTime() - seedStarted) / 1e9;
            double heapBefore = ProcessStats.heapUsedMiB(product.pid(), true);

            Phase export = sampled("export", product.pid(), () -> download(base, owner, file));
            double heapAfterExport = ProcessStats.heapUsedMiB(product.pid(), true);
            String importer = register(rest, "importer");
            Phase imported = sampled("import", product.pid(), () -> upload(base, importer, file));
            double heapAfterImport = ProcessStats.heapUsedMiB(product.pid(), true);
            return report(options, textBytes, seedSeconds, heapBefore, export, heapAfterExport, imported,
                    heapAfterImport, Files.size(file));
        } finally {
            SearchBench.stop(product);
            Files.deleteIfExists(file); // up to gigabytes; the product's folder goes with the next run
        }
    }

    private static String register(Rest rest, String name) {
        return rest.post("/api/auth/register", null, Map.of("username", name, "email", name + "@bench.example",
                "password", "correct horse battery staple")).get("accessToken").asText();
    }

    /** Writes the prompts over the API; answers the characters of prompt and response text written. */
    private static long seed(Rest rest, String token, Options options) throws Exception {
        List<Future<Long>> written = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(options.writers())) {
            for (int i = 0; i < options.prompts(); i++) {
                int n = i;
                written.add(pool.submit(() -> {
                    String text = Seeder.text("Prompt " + n + " of the export bench asks for something. ", options.textBytes());
                    String id = rest.post("/api/prompts", token, Map.of("title", "Export " + n, "content", text,
                            "tags", List.of("bench", "export" + n % 10))).get("id").asText();
                    String answer = Seeder.text("Answer to prompt " + n + ", as a model wrote it. ",
                            Math.max(1, options.textBytes() / 4));
                    rest.post("/api/prompts/" + id + "/responses", token, Map.of("modelName", "model-" + n % 4,
                            "content", answer));
                    long chars = text.length() + answer.length();
                    if (n % 10 == 0) {
                        String revised = "Revised. " + text.substring(0, text.length() - 9);
                        rest.send("PATCH", "/api/prompts/" + id, token, Map.of("content", revised,
                                "versionMessage", "second draft"));
                        chars += revised.length();
                    }
                    return chars;
                }));
            }
        }
        long chars = 0;
        for (Future<Long> one : written) {
            chars += one.get();
        }
        return chars;
    }

    private interface Work {
        long[] run() throws Exception; // records, bytes
    }

    /** Runs {@code work} while a sampler reads the heap in use four times a second. */
    private static Phase sampled(String name, long pid, Work work) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        double[] max = {0};
        int[] samples = {0};
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (running.get()) {
                double used = ProcessStats.heapUsedMiB(pid, false);
                if (!Double.isNaN(used)) {
                    max[0] = Math.max(max[0], used);
                    samples[0]++;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long started = System.nanoTime();
        long[] done;
        try {
            done = work.run();
        } finally {
            running.set(false);
            sampler.join();
        }
        return new Phase(name, done[0], done[1], (System.nanoTime() - started) / 1e9, max[0], samples[0]);
    }

    private static long[] download(String base, String token, Path file) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/export?format=jsonl"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the export answered " + response.statusCode() + ": "
                    + new String(response.body().readAllBytes()));
        }
        long lines = 0;
        long bytes = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return new long[] {lines, bytes};
    }

    private static long[] upload(String base, String token, Path file) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/import?format=jsonl"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson")
                .timeout(Duration.ofMinutes(30)).POST(HttpRequest.BodyPublishers.ofFile(file)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the import answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode report = Rest.JSON.readTree(response.body());
        long created = 0;
        for (JsonNode count : report.path("counts")) {
            created += count.path("created").asLong();
        }
        if (report.path("skippedTotal").asLong() > 0) {
            throw new IllegalStateException("the import skipped records: " + response.body());
        }
        return new long[] {created, Files.size(file)};
    }

    private static String report(Options options, long textChars, double seedSeconds, double heapBefore,
                                 Phase export, double heapAfterExport, Phase imported, double heapAfterImport,
                                 long fileBytes) {
        StringBuilder out = new StringBuilder();
        out.append("## Export and import: ").append(options.prompts()).append(" prompts of ")
                .append(options.textBytes()).append(" characters\n\n");
        out.append("- date: ").append(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")))
                .append("\n- product JVM flags: ").append(String.join(" ", BenchRun.JVM_FLAGS))
                .append("\n- seeded over the API in ").append(String.format(Locale.ROOT, "%.1f s", seedSeconds))
                .append(": ").append(String.format(Locale.ROOT, "%.1f MiB", textChars / 1048576.0))
                .append(" of prompt and response text (a response per prompt, a second version of every tenth)")
                .append("\n- export file: ").append(String.format(Locale.ROOT, "%.1f MiB", fileBytes / 1048576.0))
                .append("\n- heap in use after a full GC: ").append(mib(heapBefore)).append(" before, ")
                .append(mib(heapAfterExport)).append(" after the export, ").append(mib(heapAfterImport))
                .append(" after the import\n\n");
        out.append("| phase | records | MiB | seconds | records/s | MiB/s | heap in use, max of samples | samples |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Phase phase : List.of(export, imported)) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.0f | %.1f | %s | %d |%n", phase.name(),
                    phase.records(), phase.bytes() / 1048576.0, phase.seconds(), phase.records() / phase.seconds(),
                    phase.bytes() / 1048576.0 / phase.seconds(), mib(phase.heapMaxMiB()), phase.heapSamples()));
        }
        return out.toString();
    }

    private static String mib(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.0f MiB", value);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
