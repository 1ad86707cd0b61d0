package dev.prompttracker.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The search scenario ({@code bench/run --search}): 100,000 prompts with 3 responses each, generated
 * (a Zipf-distributed vocabulary of 5,000 words; texts of 40–120 words, responses 60–200), written
 * straight into the product's SQLite file after the product itself created the schema (seeding over
 * the API would take hours); the full-text index is filled by the migration's own view
 * ({@code search_sources}), so it holds what the product's writes would. The seeded folder is kept
 * under {@code bench/target/} and reused. Then the product serves it, and closed-loop clients send
 * {@code GET /api/search} with a mix of queries (rare and common words, two words, a phrase, a prefix,
 * a tag and a model filter, an exclusion), signed in (own + public scope) and anonymous (public);
 * the report gives p50/p90/p99/max per query kind and overall.
 */
final class SearchBench {
    static final int USERS = 1_000;
    static final int VOCABULARY = 5_000;
    static final String[] MODELS = {"gpt-4o", "gpt-4o-mini", "claude-3-5-sonnet", "claude-3-haiku", "gemini-1.5-pro",
            "llama-3-70b", "mistral-large", "o1-preview"};
    private static final long T0 = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
    private static final long SPAN = Duration.ofDays(700).toMillis();

    record Options(Path productJar, Path dataRoot, int prompts, Duration warmup, Duration duration, int clients) {
    }

    private SearchBench() {
    }

    static String run(Options options) throws Exception {
        Path dataDir = options.dataRoot().resolve("search-" + options.prompts());
        Path log = Files.createDirectories(options.dataRoot()).resolve("search-product.log");
        if (!Files.exists(dataDir.resolve("seeded"))) {
            seed(options, dataDir, log);
        }
        Process product = null;
        int port = freePort();
        try {
            product = start(options, dataDir, port, log);
            String base = "http://127.0.0.1:" + port;
            Rest rest = new Rest(base);
            String token = rest.post("/api/auth/register", null, Map.of("username", "searcher" + System.nanoTime() % 100000,
                    "email", "searcher" + System.nanoTime() + "@example.com", "password", "correct horse battery"))
                    .path("accessToken").asText();
            List<Query> queries = queries();
            drive(base, token, queries, options.clients(), options.warmup(), new ConcurrentHashMap<>(), new Histogram(3));
            Map<String, Histogram> byKind = new ConcurrentHashMap<>();
            Histogram all = new Histogram(3);
            long started = System.nanoTime();
            long count = drive(base, token, queries, options.clients(), options.duration(), byKind, all);
            double seconds = (System.nanoTime() - started) / 1e9;
            return report(options, byKind, all, count / seconds, Files.size(dataDir.resolve("prompt-tracker.sqlite")));
        } finally {
            if (product != null) {
                stop(product);
            }
        }
    }

    record Query(String kind, String path, boolean anonymous) {
    }

    /** A fixed mix, the same in every run: words from both ends of the Zipf curve, forms and filters. */
    static List<Query> queries() {
        Random random = new Random(7);
        List<Query> queries = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String common = word(random.nextInt(20));
            String middle = word(50 + random.nextInt(500));
            String rare = word(1000 + random.nextInt(VOCABULARY - 1000));
            queries.add(new Query("common word", "q=" + enc(common), false));
            queries.add(new Query("rare word", "q=" + enc(rare), false));
            queries.add(new Query("two words", "q=" + enc(middle + " " + word(50 + random.nextInt(500))), false));
            queries.add(new Query("phrase", "q=" + enc("\"" + word(random.nextInt(30)) + " " + word(random.nextInt(30)) + "\""), false));
            queries.add(new Query("prefix", "q=" + enc(middle.substring(0, 3) + "*"), false));
            queries.add(new Query("word + tag", "q=" + enc(middle) + "&tag=" + enc("tag" + random.nextInt(50)), false));
            queries.add(new Query("word + model", "q=" + enc(middle + " model:" + MODELS[random.nextInt(MODELS.length)]), false));
            queries.add(new Query("exclusion", "q=" + enc(middle + " -" + common), false));
            queries.add(new Query("anonymous public", "q=" + enc(middle) + "&scope=public", true));
        }
        return queries;
    }

    private static long drive(String base, String token, List<Query> queries, int clients, Duration duration,
                              Map<String, Histogram> byKind, Histogram all) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int offset = c * 7;
            threads.add(Thread.ofPlatform().start(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                int i = offset;
                while (System.nanoTime() < deadline) {
                    Query query = queries.get(i++ % queries.size());
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/search?" + query.path()));
                    if (!query.anonymous()) {
                        request.header("Authorization", "Bearer " + token);
                    }
                    long start = System.nanoTime();
                    try {
                        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException(query + " answered " + response.statusCode() + ": "
                                    + response.body());
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException(query + " failed: " + e, e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    long micros = (System.nanoTime() - start) / 1_000;
                    synchronized (all) {
                        all.recordValue(micros);
                        byKind.computeIfAbsent(query.kind(), k -> new Histogram(3)).recordValue(micros);
                    }
                    done.incrementAndGet();
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return done.get();
    }

    private static String report(Options options, Map<String, Histogram> byKind, Histogram all, double perSecond,
                                 long databaseBytes) {
        StringBuilder out = new StringBuilder();
        out.append("## Search: ").append(options.prompts()).append(" prompts with 3 responses each\n\n");
        out.append("- date: ").append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16)).append('\n');
        out.append("- GET /api/search, ").append(options.clients()).append(" closed-loop clients, ")
                .append(options.warmup().toSeconds()).append(" s warm-up then ").append(options.duration().toSeconds())
                .append(" s; page size 20 (default); SQLite file ").append(databaseBytes / (1024 * 1024)).append(" MiB\n");
        out.append(String.format(Locale.ROOT, "- throughput: %.0f searches/s%n%n", perSecond));
        out.append("| queries | count | p50 ms | p90 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|---:|\n");
        Map<String, Histogram> rows = new LinkedHashMap<>();
        byKind.keySet().stream().sorted().forEach(kind -> rows.put(kind, byKind.get(kind)));
        rows.put("**all**", all);
        rows.forEach((kind, h) -> out.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f |%n",
                kind, h.getTotalCount(), h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0)));
        return out.toString();
    }

    /** The i-th word of the vocabulary: pronounceable, distinct, at least 4 letters. */
    static String word(int i) {
        String[] consonants = {"b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z"};
        String[] vowels = {"a", "e", "i", "o", "u"};
        StringBuilder word = new StringBuilder();
        int n = i + 100;
        do {
            word.append(consonants[n % consonants.length]).append(vowels[(n / consonants.length) % vowels.length]);
            n /= consonants.length * vowels.length;
        } while (n > 0);
        return word.append("x").toString();
    }

    /** Zipf-like: index ~ vocabulary^u, so low indexes (common words) come up far more often. */
    private static String zipfWord(Random random) {
        return word((int) Math.min(VOCABULARY - 1, Math.floor(Math.pow(VOCABULARY, random.nextDouble())) - 1));
    }

    private static String text(Random random, int min, int max) {
        int words = min + random.nextInt(max - min + 1);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            text.append(i == 0 ? "" : i % 12 == 0 ? ". " : " ").append(zipfWord(random));
        }
        return text.append('.').toString();
    }

    /** The product creates its schema (migrations) on a first start; the rows go in with one transaction. */
    private static void seed(Options options, Path dataDir, Path log) throws Exception {
        Files.createDirectories(dataDir);
        int port = freePort();
        stop(start(options, dataDir, port, log));
        long began = System.nanoTime();
        Random random = new Random(14);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("prompt-tracker.sqlite"))) {
            db.setAutoCommit(false);
            try (Statement pragma = db.createStatement()) {
                pragma.execute("PRAGMA foreign_keys = OFF");
            }
            List<String> users = new ArrayList<>();
            try (PreparedStatement user = db.prepareStatement("INSERT INTO users (id, username, username_key, email, "
                    + "password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, NULL, ?, ?)")) {
                for (int u = 0; u < USERS; u++) {
                    String id = UUID.randomUUID().toString();
                    users.add(id);
                    bind(user, id, "seed" + u, "seed" + u, "seed" + u + "@example.com", T0, T0);
                    user.addBatch();
                }
                user.executeBatch();
            }
            try (PreparedStatement prompt = db.prepareStatement("INSERT INTO prompts (id, owner_id, title, content_preview, "
                    + "content_blob_key, is_public, tags, version, created_at, updated_at, text_version) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, 1)");
                 PreparedStatement tag = db.prepareStatement("INSERT INTO prompt_tags (prompt_id, tag) VALUES (?, ?)");
                 PreparedStatement version = db.prepareStatement("INSERT INTO prompt_versions (prompt_id, version_number, "
                         + "title, content_preview, content_blob_key, author_id, message, created_at) "
                         + "VALUES (?, 1, ?, ?, ?, ?, NULL, ?)");
                 PreparedStatement response = db.prepareStatement("INSERT INTO responses (id, prompt_id, model_name, "
                         + "content_preview, content_blob_key, is_markdown, version, created_at, updated_at, "
                         + "prompt_version) VALUES (?, ?, ?, ?, ?, 1, 1, ?, ?, 1)");
                 PreparedStatement text = db.prepareStatement("INSERT INTO search_texts (blob_key, prompt_id, body) "
                         + "VALUES (?, ?, ?)")) {
                for (int p = 0; p < options.prompts(); p++) {
                    String id = UUID.randomUUID().toString();
                    long at = T0 + (long) (random.nextDouble() * SPAN);
                    String body = text(random, 40, 120);
                    String title = text(random, 3, 6);
                    title = title.substring(0, title.length() - 1);
                    String key = "prompt_" + at + "_" + HexFormat.of().toHexDigits(random.nextLong());
                    List<String> tags = new ArrayList<>();
                    for (int t = random.nextInt(3); t >= 0; t--) {
                        String name = "tag" + random.nextInt(50);
                        if (!tags.contains(name)) {
                            tags.add(name);
                        }
                    }
                    String owner = users.get(random.nextInt(USERS));
                    bind(prompt, id, owner, title, preview(body), key, random.nextBoolean() ? 1 : 0,
                            Rest.JSON.writeValueAsString(tags), at, at);
                    prompt.addBatch();
                    for (String name : tags) {
                        bind(tag, id, name);
                        tag.addBatch();
                    }
                    bind(version, id, title, preview(body), key, owner, at);
                    version.addBatch();
                    bind(text, key, id, body);
                    text.addBatch();
                    for (int r = 0; r < 3; r++) {
                        String answer = text(random, 60, 200);
                        String responseKey = "response_" + at + "_" + HexFormat.of().toHexDigits(random.nextLong());
                        bind(response, UUID.randomUUID().toString(), id, MODELS[random.nextInt(MODELS.length)],
                                preview(answer), responseKey, at + r, at + r);
                        response.addBatch();
                        bind(text, responseKey, id, answer);
                        text.addBatch();
                    }
                    if (p % 5_000 == 4_999) {
                        for (PreparedStatement batch : List.of(prompt, tag, version, response, text)) {
                            batch.executeBatch();
                        }
                    }
                }
                for (PreparedStatement batch : List.of(prompt, tag, version, response, text)) {
                    batch.executeBatch();
                }
            }
            try (Statement index = db.createStatement()) {
                // The migration's own statements: the index holds what the product's writes would.
                index.executeUpdate("INSERT INTO search_documents (prompt_id) SELECT id FROM prompts ORDER BY created_at, id");
                index.executeUpdate("INSERT INTO prompt_search (rowid, title, body, responses, models, tags, access) "
                        + "SELECT doc_id, title, body, responses, models, tags, access FROM search_sources");
                index.executeUpdate("INSERT INTO prompt_search (prompt_search) VALUES ('optimize')");
            }
            db.commit();
        }
        Files.writeString(dataDir.resolve("seeded"), options.prompts() + " prompts seeded in "
                + (System.nanoTime() - began) / 1_000_000_000 + " s\n");
    }

    private static String preview(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "...";
    }

    private static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static Process start(Options options, Path dataDir, int port, Path log) throws Exception {
        return start(options.productJar(), dataDir, port, log, Map.of());
    }

    /** The product on {@code dataDir} at {@code port}, with the bench's JVM flags and no rate limit a run could hit. */
    static Process start(Path productJar, Path dataDir, int port, Path log, Map<String, String> extraEnv) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(BenchRun.JVM_FLAGS);
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-jar", productJar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(BenchRun.PRODUCT_ENV);
        builder.environment().putAll(Map.of("PORT", Integer.toString(port), "DATA_DIR", dataDir.toString(),
                "RATE_LIMIT_ANONYMOUS_READS_PER_IP", "100000000/1m", "RATE_LIMIT_REGISTER_PER_IP", "100000000/1m",
                "RATE_LIMIT_WRITES_PER_USER", "100000000/1m"));
        builder.environment().putAll(extraEnv);
        Process process = builder.start();
        awaitOk("http://127.0.0.1:" + port + "/healthz", Duration.ofSeconds(120), process);
        return process;
    }

    static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static void awaitOk(String url, Duration timeout, Process process) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(url + " did not answer 200 within " + timeout);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
