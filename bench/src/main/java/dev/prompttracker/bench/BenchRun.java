package dev.prompttracker.bench;

import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.RequestHeadersBuilder;
import dev.prompttracker.proto.v1.GetPromptRequest;
import dev.prompttracker.proto.v1.ListPromptsRequest;
import dev.prompttracker.proto.v1.ListPromptsResponse;
import dev.prompttracker.proto.v1.Prompt;
import dev.prompttracker.proto.v1.PromptServiceGrpc;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The benchmark run: starts the product (embedded defaults, temporary DATA_DIR) and the limit server
 * with the same JVM flags, seeds data, drives each REST scenario with wrk and each gRPC read with h2load
 * at 16 and 64 connections, and prints the table (also written to bench/results/).
 */
public final class BenchRun {
    /** The JVM flags the product runs with in the benchmark; the limit server gets the same. */
    static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx72m",
            "-XX:ReservedCodeCacheSize=64m", "-XX:TrimNativeHeapInterval=2000");
    static final Duration WRITE_WARM_UP = Duration.ofSeconds(8);
    /** Starts with the archive, the last one the measured product: the median of five damps this VM's noise. */
    static final int ARCHIVED_STARTS = 5;
    /** glibc gives each thread that allocates natively (SQLite) an arena of its own unless capped. */
    static final Map<String, String> PRODUCT_ENV = Map.of("MALLOC_ARENA_MAX", "2");

    private final Options options;
    private final Path work;
    // The shutdown hook stops them too.
    private final List<Process> processes = new CopyOnWriteArrayList<>();
    private final H2load h2load;
    /** The class-data archive flags the measured product runs with (none until one is made). */
    private List<String> archiveFlags = List.of();

    private BenchRun(Options options, Path work) {
        this.options = options;
        this.work = work;
        this.h2load = new H2load(work);
    }

    /** The REST scenarios, in the order they run; the first three also run over gRPC. */
    static final List<String> REST_SCENARIOS = List.of("GET prompt + 3 responses (owner)",
            "GET prompt + 3 responses (public)", "list 50 prompts", "create prompt (2 KB)", "add response (2 KB)",
            "progress upsert", "CORS preflight", "diff of two 100 KB versions", "diff of two 100 KB responses");

    record Options(Path productJar, Path benchJar, Path results, Duration warmup, Duration duration,
                   List<Integer> connections, List<String> productFlags, String only) {
        static final String USAGE = """
                usage: bench/run [--duration 8] [--warmup 2] [--connections 16,64] [--only TEXT]
                                 [--product-flags "FLAGS"] [--jar PATH] [--bench-jar PATH] [--results DIR]
                       bench/run --cloudflare
                       bench/run --blobs [ROUNDS]
                       bench/run --gateway [--duration 10] [--warmup 2] [--connections 16,64] [--only TEXT]
                       bench/run --search [--prompts 100000] [--clients 4] [--duration 20] [--warmup 5]
                       bench/run --export [--prompts 10000] [--text-bytes 2000] [--writers 4]
                scenarios (--only TEXT runs those whose name contains it; the limit server always runs):
                """ + String.join("\n", REST_SCENARIOS.stream().map(name -> "  " + name).toList());
        private static final List<String> NAMES = List.of("duration", "warmup", "connections", "only",
                "product-flags", "jar", "bench-jar", "results");

        /** Writes warm up for at least {@link #WRITE_WARM_UP}: their path takes the JIT about that much traffic. */
        Duration writeWarmUp() {
            return warmup.compareTo(WRITE_WARM_UP) < 0 ? WRITE_WARM_UP : warmup;
        }

        /** @throws IllegalArgumentException for an unknown option, one without a value, or a bad number */
        static Options parse(String[] args) {
            Map<String, String> given = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i += 2) {
                String name = args[i].replaceFirst("^--", "");
                if (!args[i].startsWith("--") || !NAMES.contains(name)) {
                    throw new IllegalArgumentException("unknown option " + args[i]);
                }
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                given.put(name, args[i + 1]);
            }
            List<Integer> connections = new ArrayList<>();
            for (String c : given.getOrDefault("connections", "16,64").split(",")) {
                connections.add(Integer.parseInt(c.strip()));
            }
            return new Options(Path.of(given.getOrDefault("jar", "bootstrap/target/prompt-tracker.jar")).toAbsolutePath(),
                    Path.of(given.getOrDefault("bench-jar", "bench/target/prompt-tracker-bench.jar")).toAbsolutePath(),
                    Path.of(given.getOrDefault("results", "bench/results")).toAbsolutePath(),
                    Duration.ofSeconds(Long.parseLong(given.getOrDefault("warmup", "2"))),
                    Duration.ofSeconds(Long.parseLong(given.getOrDefault("duration", "8"))),
                    List.copyOf(connections),
                    given.containsKey("product-flags") ? List.of(given.get("product-flags").split(" ")) : List.of(),
                    given.getOrDefault("only", ""));
        }
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(Options.USAGE);
            return;
        }
        if (args.length > 0 && args[0].equals("--search")) {
            search(List.of(args).subList(1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("--export")) {
            export(List.of(args).subList(1, args.length));
            return;
        }
        boolean throughGateway = args.length > 0 && args[0].equals("--gateway");
        if (throughGateway) {
            args = List.of(args).subList(1, args.length).toArray(String[]::new);
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage() + "\n" + Options.USAGE);
            System.exit(2);
            return;
        }
        if (throughGateway) {
            write(options.results(), "gateway", throughGateway(options, Path.of("gateway")).report());
            return;
        }
        Path work = Files.createTempDirectory("prompt-tracker-bench");
        BenchRun run = new BenchRun(options, work);
        Runtime.getRuntime().addShutdownHook(new Thread(run::stopAll));
        try {
            write(options.results(), "bench", run.embedded());
        } finally {
            run.stopAll();
        }
    }

    /** A run's table and its rows. */
    record Run(String report, List<Scenario> rows) {
    }

    /** The gateway run (see {@link #gateway}) with the Worker of {@code gatewayFolder}; stops what it started. */
    static Run throughGateway(Options options, Path gatewayFolder) throws Exception {
        Path work = Files.createTempDirectory("prompt-tracker-bench");
        BenchRun run = new BenchRun(options, work);
        Thread stopper = new Thread(run::stopAll);
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            return run.gateway(gatewayFolder.toAbsolutePath());
        } finally {
            run.stopAll();
            Runtime.getRuntime().removeShutdownHook(stopper);
        }
    }

    /** The search scenario on its own: its seeding takes minutes the first time (then reused from bench/target). */
    private static void search(List<String> args) throws Exception {
        Map<String, String> given = options(args);
        SearchBench.Options options = new SearchBench.Options(
                Path.of(given.getOrDefault("jar", "bootstrap/target/prompt-tracker.jar")).toAbsolutePath(),
                Path.of("bench/target").toAbsolutePath(), Integer.parseInt(given.getOrDefault("prompts", "100000")),
                Duration.ofSeconds(Long.parseLong(given.getOrDefault("warmup", "5"))),
                Duration.ofSeconds(Long.parseLong(given.getOrDefault("duration", "20"))),
                Integer.parseInt(given.getOrDefault("clients", "4")));
        write(Path.of("bench/results").toAbsolutePath(), "search", SearchBench.run(options));
    }

    /** Export and import on their own: a fresh product seeded over the API each run. */
    private static void export(List<String> args) throws Exception {
        Map<String, String> given = options(args);
        ExportBench.Options options = new ExportBench.Options(
                Path.of(given.getOrDefault("jar", "bootstrap/target/prompt-tracker.jar")).toAbsolutePath(),
                Path.of("bench/target").toAbsolutePath(), Integer.parseInt(given.getOrDefault("prompts", "10000")),
                Integer.parseInt(given.getOrDefault("text-bytes", "2000")),
                Integer.parseInt(given.getOrDefault("writers", "4")));
        write(Path.of("bench/results").toAbsolutePath(), "export", ExportBench.run(options));
    }

    private static Map<String, String> options(List<String> args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.size(); i += 2) {
            given.put(args.get(i).replaceFirst("^--", ""), args.get(i + 1));
        }
        return given;
    }

    private static void write(Path results, String scenario, String report) throws IOException {
        Files.createDirectories(results);
        Path file = results.resolve(scenario + "-" + LocalDateTime.now()
                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".md");
        Files.writeString(file, report);
        System.out.println(report);
        System.out.println("written to " + file);
    }

    private String embedded() throws Exception {
        int limitPort = freePort();
        Path dataDir = work.resolve("data");
        Startups startups = measureStartups(dataDir);
        Process product = startups.product();
        int productPort = startups.productPort();
        String productUrl = "http://127.0.0.1:" + productPort;

        start(List.of("-cp", options.benchJar().toString(), LimitServer.class.getName(), Integer.toString(limitPort)),
                Map.of(), work.resolve("limit.log"));
        String limitUrl = "http://127.0.0.1:" + limitPort;
        awaitOk(limitUrl + "/", Duration.ofSeconds(60));

        // Up to 4,000 responses a second (this machine does about 2,500) for every phase that adds them.
        long responsesToAdd = 4_000L * (options.writeWarmUp().toSeconds() + options.duration().toSeconds())
                * options.connections().size();
        Seeder.Seeded seeded = new Seeder(new Rest(productUrl), dataDir.resolve("outbox"), responsesToAdd).seed();
        Map<String, Wrk.Request> rest = restScenarios(seeded);
        Map<String, GrpcScenario> grpc = grpcScenarios(seeded);
        Wrk wrk = new Wrk(work);
        List<Scenario> rows = new ArrayList<>();
        List<String> heapAfterDiffs = new ArrayList<>();
        AtomicReference<Double> maxRss = new AtomicReference<>(0.0);
        AtomicReference<Double> maxAnonymousRss = new AtomicReference<>(0.0);
        Thread sampler = Thread.ofPlatform().daemon(true).start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                maxRss.accumulateAndGet(ProcessStats.rssMiB(product.pid()), Math::max);
                maxAnonymousRss.accumulateAndGet(ProcessStats.anonymousRssMiB(product.pid()), Math::max);
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        Map<Integer, Double> limitRates = new LinkedHashMap<>();
        for (int connections : options.connections()) {
            Wrk.Summary limit = measure(wrk, limitUrl, new Wrk.Request("GET", List.of("/"), Map.of(), null), connections,
                    ProcessHandle.current().pid()).summary();
            limitRates.put(connections, limit.requestsPerSecond());
            rows.add(row("limit server (2 KB JSON)", "REST", connections, limit, Double.NaN, Double.NaN));
            for (Map.Entry<String, Wrk.Request> scenario : rest.entrySet()) {
                if (!scenario.getKey().contains(options.only())) {
                    continue;
                }
                Measured measured;
                try {
                    measured = measure(wrk, productUrl, scenario.getValue(), connections, product.pid());
                } catch (IllegalStateException failed) {
                    System.err.println(scenario.getKey() + " failed: " + failed.getMessage());
                    rows.add(new Scenario(scenario.getKey() + " (FAILED)", "REST", connections, 0, Double.NaN,
                            Double.NaN, Double.NaN, -1, Double.NaN, 0));
                    continue;
                }
                Wrk.Summary summary = measured.summary();
                long cpu = measured.cpuMillis();
                rows.add(row(scenario.getKey(), "REST", connections, summary,
                        summary.requestsPerSecond() / limit.requestsPerSecond(), cpu));
                if (scenario.getKey().startsWith("diff")) {
                    // What two 100 KB texts and their hunks leave on the heap: right away, and once collected.
                    heapAfterDiffs.add(String.format(Locale.ROOT, "%s at %d connections: %.0f MiB in use right after,"
                            + " %.0f MiB after a full GC", scenario.getKey(), connections,
                            ProcessStats.heapUsedMiB(product.pid(), false), ProcessStats.heapUsedMiB(product.pid(), true)));
                }
            }
            for (Map.Entry<String, GrpcScenario> scenario : grpc.entrySet()) {
                if (!scenario.getKey().contains(options.only())) {
                    continue;
                }
                try {
                    rows.add(grpc(scenario.getKey(), scenario.getValue(), productUrl, connections,
                            limit.requestsPerSecond(), product));
                } catch (IllegalStateException failed) {
                    System.err.println(scenario.getKey() + " over gRPC failed: " + failed.getMessage());
                    rows.add(new Scenario(scenario.getKey() + " (FAILED)", "gRPC", connections, 0, Double.NaN,
                            Double.NaN, Double.NaN, -1, Double.NaN, 0));
                }
            }
        }
        sampler.interrupt();
        if ("GET prompt".contains(options.only()) || options.only().contains("cache off")) {
            rows.addAll(withCacheOff(product, dataDir, rest, wrk, limitRates));
        }

        List<String> facts = new ArrayList<>(List.of(
                "date: " + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16),
                "machine: " + machine(),
                "JVM: " + Runtime.version() + ", flags: `" + String.join(" ", JVM_FLAGS) + "`",
                "start-up (process start to first 200 on /healthz, fresh DATA_DIR): " + startups.describe(),
                String.format(Locale.ROOT, "product RSS under load (max sampled): %.0f MiB, of which the process's"
                        + " own memory (anonymous: heap, metaspace, code, stacks, native) %.0f MiB; the rest is"
                        + " file-backed (the JDK, the jar%s), shared and reclaimable", maxRss.get(),
                        maxAnonymousRss.get(), startups.archived() ? ", " + startups.archiveKind() : ""),
                "REST: wrk -t2, closed loop, " + options.warmup().toSeconds() + " s warm-up (POSTs at least "
                        + WRITE_WARM_UP.toSeconds() + " s) then " + options.duration().toSeconds() + " s; gRPC unary:"
                        + " h2load -t2 -m 1 (closed loop, one call in flight per connection, as wrk has one request),"
                        + " the same warm-up and duration; percentiles from h2load's per-request log; errors: calls"
                        + " without HTTP 2xx plus those the product's metrics count as failed (grpc-status not 0);"
                        + " after one checked call (grpc-status 0, non-empty answer) with the same headers and body",
                "CPU ms/req: the product's user+system CPU time over the measured run (warm-up excluded), per request;"
                        + " generator ms/req: h2load's own, the same way (it shares the cores with the product)"));
        if (!heapAfterDiffs.isEmpty()) {
            facts.add("diffs: the prompt's ~100 KB text, version 1 → 2 (" + Math.round(100 * Seeder.VERSION_EDITS)
                    + " % of lines edited, 3 paragraphs deleted and 3 inserted), and two ~100 KB responses ("
                    + Math.round(100 * Seeder.RESPONSE_EDITS) + " % of lines apart, 6 paragraphs each way); the product"
                    + " compares at most 2 pairs at once and answers 429 to a caller that waited 2 s for a turn"
                    + " (counted as errors)");
            facts.add("product heap (jcmd GC.heap_info, -Xmx of the flags above) after " + String.join("; ", heapAfterDiffs));
        }
        return Report.markdown("prompt-tracker benchmark (embedded defaults)", facts, rows);
    }

    static final Duration GATEWAY_WARM_UP = Duration.ofSeconds(45);
    static final String D1_SQL_SECONDS = "d1_sql_seconds_total";
    /** What the gateway run measures: the writes and the reads that reach D1 (the prompt cache is off). */
    static final List<String> GATEWAY_SCENARIOS = List.of("create prompt (2 KB)", "add response (2 KB)",
            "progress upsert", "GET prompt + 3 responses (owner)", "list 50 prompts");

    /**
     * Cloudflare mode through the gateway Worker on workerd: D1, KV and Queues are each call a Worker
     * request on this machine, bodies are files, and the prompt cache is off so that every read reaches
     * D1. The product, workerd and wrk share the machine's cores; the table gives the CPU each spent.
     */
    private Run gateway(Path gatewayFolder) throws Exception {
        int productPort = freePort();
        String productUrl = "http://127.0.0.1:" + productPort;
        byte[] secretBytes = new byte[32];
        new SecureRandom().nextBytes(secretBytes);
        String secret = HexFormat.of().formatHex(secretBytes);
        WorkerdProcess gateway = WorkerdProcess.start(gatewayFolder, work.resolve("workerd"),
                secret, productUrl, work.resolve("workerd.log"));
        processes.add(gateway.process());
        Path dataDir = work.resolve("gateway-data");
        Map<String, String> cloudflare = Map.of("METADATA_STORE", "d1", "CACHE_STORE", "kv", "QUEUE", "cloudflare",
                "MAILER", "outbox", "BLOB_STORE", "files", "CLOUDFLARE_TRANSPORT", "gateway",
                "GATEWAY_URL", gateway.url(), "GATEWAY_SECRET", secret, "PROMPT_CACHE_SECONDS", "0");
        Process migrate = start(List.of("-jar", options.productJar().toString(), "migrate", "apply"),
                productEnv(productPort, dataDir, cloudflare), work.resolve("migrate.log"));
        if (!migrate.waitFor(120, TimeUnit.SECONDS) || migrate.exitValue() != 0) {
            throw new IllegalStateException("migrate apply through the gateway failed: "
                    + Files.readString(work.resolve("migrate.log")));
        }
        processes.remove(migrate);
        Started started = timedStart(productPort, List.of(), dataDir, cloudflare, "product-gateway.log");
        Process product = started.process();
        // Up to 500 responses a second for every phase that adds them.
        long responsesToAdd = 500L * (options.writeWarmUp().toSeconds() + options.duration().toSeconds())
                * options.connections().size();
        Seeder.Seeded seeded = new Seeder(new Rest(productUrl), dataDir.resolve("outbox"), responsesToAdd).seed();
        Map<String, Wrk.Request> rest = restScenarios(seeded);
        Wrk wrk = new Wrk(work);
        // At a few hundred requests a second the JIT needs far longer than the embedded run's warm-up to
        // compile the Cloudflare path (measured: 5.6 ms of CPU per create after 15 s, 2.5 ms after 45 s).
        wrk.run(productUrl, rest.get("create prompt (2 KB)"), options.connections().getFirst(), GATEWAY_WARM_UP);
        ProductMetrics metrics = new ProductMetrics(productUrl);
        List<Scenario> rows = new ArrayList<>();
        for (int connections : options.connections()) {
            for (String name : GATEWAY_SCENARIOS) {
                if (!name.contains(options.only())) {
                    continue;
                }
                double sqlSecondsBefore = metrics.counterTotal(D1_SQL_SECONDS).orElse(Double.NaN);
                Measured measured = measure(wrk, productUrl, rest.get(name), connections, product.pid(),
                        gateway.workerdPids());
                Wrk.Summary summary = measured.summary();
                long requests = Math.max(1, summary.requests());
                // The warm-up's statements are in the difference too: counted over its requests as well.
                double sqlMillis = (metrics.counterTotal(D1_SQL_SECONDS).orElse(Double.NaN) - sqlSecondsBefore) * 1000
                        / (requests + measured.warmUpRequests());
                rows.add(row(name, String.format(Locale.ROOT, "REST, gateway (workerd %.3f ms/req, D1 SQL %.3f ms/req)",
                        (double) measured.gatewayCpuMillis() / requests, sqlMillis), connections, summary, Double.NaN,
                        measured.cpuMillis()));
            }
        }
        List<String> facts = List.of(
                "date: " + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16),
                "machine: " + machine() + "; the product, workerd (the gateway with its local D1, KV and Queues) and"
                        + " wrk share it",
                "JVM: " + Runtime.version() + ", flags: `" + String.join(" ", JVM_FLAGS) + "`",
                "product: METADATA_STORE=d1 CACHE_STORE=kv QUEUE=cloudflare CLOUDFLARE_TRANSPORT=gateway, bodies in"
                        + " files, PROMPT_CACHE_SECONDS=0 (every read reaches D1); over the REST API the same"
                        + " deployment is capped at 4 requests per second ÷ calls per request",
                "REST: wrk -t2, closed loop; first " + GATEWAY_WARM_UP.toSeconds() + " s of creates to warm the"
                        + " product up, then for each scenario " + options.warmup().toSeconds() + " s warm-up (POSTs"
                        + " at least " + WRITE_WARM_UP.toSeconds() + " s) and " + options.duration().toSeconds() + " s",
                "CPU ms/req: the product's user+system CPU time over the measured run, per request; workerd's"
                        + " the same way, in the transport column",
                "D1 SQL ms/req: the time D1 (here workerd's local SQLite) reports running the statements"
                        + " (`d1_sql_seconds_total`), per request, warm-up included; a D1 database runs one statement"
                        + " at a time, so 1,000 ÷ that is about the most such requests one database serves per second");
        return new Run(Report.markdown("prompt-tracker in Cloudflare mode through the gateway on workerd", facts, rows),
                rows);
    }

    /** The product's environment: embedded defaults on a loopback port, rate limits out of the way. */
    private static Map<String, String> productEnv(int port, Path dataDir, Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PORT", Integer.toString(port));
        env.put("BIND_ADDRESS", "127.0.0.1");
        env.put("DATA_DIR", dataDir.toString());
        env.putAll(PRODUCT_ENV);
        // The scenarios send thousands of requests per second from one address and account.
        for (String limit : List.of("REGISTER_PER_IP", "LOGIN_PER_IP", "LOGIN_PER_ACCOUNT", "SIGNUP_PER_IP",
                "SIGNUP_PER_EMAIL", "MAGIC_LINK_PER_IP", "MAGIC_LINK_PER_EMAIL", "VERIFY_PER_IP", "WRITES_PER_USER",
                "ANONYMOUS_READS_PER_IP")) {
            env.put("RATE_LIMIT_" + limit, "100000000/1m");
        }
        env.putAll(extra);
        return env;
    }

    record Started(Process process, int port, long millis) {
    }

    private Started timedStart(List<String> jvmFlags, Path dataDir, Map<String, String> extraEnv, String log)
            throws Exception {
        return timedStart(freePort(), jvmFlags, dataDir, extraEnv, log);
    }

    private Started timedStart(int port, List<String> jvmFlags, Path dataDir, Map<String, String> extraEnv, String log)
            throws Exception {
        List<String> arguments = new ArrayList<>(jvmFlags);
        arguments.addAll(options.productFlags());
        arguments.addAll(List.of("-jar", options.productJar().toString()));
        long started = System.nanoTime();
        Process process = start(arguments, productEnv(port, dataDir, extraEnv), work.resolve(log));
        awaitOk("http://127.0.0.1:" + port + "/healthz", Duration.ofSeconds(60));
        return new Started(process, port, (System.nanoTime() - started) / 1_000_000);
    }

    private void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        processes.remove(process);
    }

    /**
     * Start-up without and with a class-data archive made by one training start (an AOT cache on
     * JDK 25+, else an AppCDS archive), each on a fresh DATA_DIR; the last start is the product measured.
     */
    record Startups(long coldMillis, List<Long> archivedMillis, String archiveKind, Process product,
                    int productPort) {
        String describe() {
            List<Long> sorted = archivedMillis.stream().sorted().toList();
            return coldMillis + " ms without an archive; " + (sorted.isEmpty() ? "no archive could be made"
                    : "with " + archiveKind + ": median " + sorted.get(sorted.size() / 2) + " ms of " + archivedMillis);
        }

        boolean archived() {
            return !archivedMillis.isEmpty();
        }
    }

    /** Representative traffic for the training run: the seeding's writes, then reads of what it wrote. */
    private static void train(String url, Path dataDir) throws Exception {
        Rest rest = new Rest(url);
        Seeder.Seeded seeded = new Seeder(rest, dataDir.resolve("outbox"), 0).seed();
        for (int i = 0; i < 2_000; i++) {
            rest.send("GET", "/api/prompts/" + seeded.hotPromptId(), i % 2 == 0 ? seeded.ownerToken() : null, null);
            rest.send("GET", "/api/prompts?pageSize=50", seeded.listerToken(), null);
        }
    }

    private Startups measureStartups(Path dataDir) throws Exception {
        Started cold = timedStart(List.of(), work.resolve("cold-data"), Map.of(), "product-cold.log");
        stop(cold.process());
        boolean aot = Runtime.version().feature() >= 25;
        Path archive = work.resolve(aot ? "product.aot" : "product.jsa");
        List<String> training = aot ? List.of("-XX:AOTCacheOutput=" + archive)
                : List.of("-XX:SharedArchiveFile=" + archive, "-XX:+AutoCreateSharedArchive");
        // A training run that serves what production serves: the archive then also holds the classes
        // and method profiles of those paths, so the archived product is warm sooner. It is written
        // when the training JVM exits.
        Started trainee = timedStart(training, work.resolve("training-data"), Map.of(), "product-training.log");
        train("http://127.0.0.1:" + trainee.port(), work.resolve("training-data"));
        stop(trainee.process());
        if (!Files.exists(archive)) {
            Started product = timedStart(List.of(), dataDir, Map.of(), "product.log");
            return new Startups(cold.millis(), List.of(), "none", product.process(), product.port());
        }
        List<String> archived = aot ? List.of("-XX:AOTCache=" + archive) : training;
        archiveFlags = archived;
        List<Long> millis = new ArrayList<>();
        for (int i = 1; i <= ARCHIVED_STARTS - 1; i++) {
            Started run = timedStart(archived, work.resolve("archived-data-" + i), Map.of(), "product-archived.log");
            millis.add(run.millis());
            stop(run.process());
        }
        Started product = timedStart(archived, dataDir, Map.of(), "product.log");
        millis.add(product.millis());
        return new Startups(cold.millis(), millis, aot ? "a JDK AOT cache" : "an AppCDS archive", product.process(),
                product.port());
    }

    /** The GET scenarios again with the in-process prompt cache off (PROMPT_CACHE_SECONDS=0), same data. */
    private List<Scenario> withCacheOff(Process cached, Path dataDir, Map<String, Wrk.Request> rest, Wrk wrk,
                                        Map<Integer, Double> limitRates) throws Exception {
        stop(cached);
        Started product = timedStart(archiveFlags, dataDir, Map.of("PROMPT_CACHE_SECONDS", "0"),
                "product-cache-off.log");
        String url = "http://127.0.0.1:" + product.port();
        List<Scenario> rows = new ArrayList<>();
        for (int connections : options.connections()) {
            for (Map.Entry<String, Wrk.Request> scenario : rest.entrySet()) {
                if (!scenario.getKey().startsWith("GET prompt")) {
                    continue;
                }
                Measured measured = measure(wrk, url, scenario.getValue(), connections, product.process().pid());
                Wrk.Summary summary = measured.summary();
                long cpu = measured.cpuMillis();
                rows.add(row(scenario.getKey() + ", cache off", "REST", connections, summary,
                        summary.requestsPerSecond() / limitRates.get(connections), cpu));
            }
        }
        stop(product.process());
        return rows;
    }

    private Map<String, Wrk.Request> restScenarios(Seeder.Seeded seeded) throws IOException {
        Path createBody = work.resolve("create.json");
        Files.write(createBody, Rest.JSON.writeValueAsBytes(Map.of("title", "Benchmark prompt",
                "content", Seeder.text("Summarise the following meeting notes in five bullet points. ", 2048),
                "tags", List.of("bench", "summaries"))));
        Path responseBody = work.resolve("response.json");
        Files.write(responseBody, Rest.JSON.writeValueAsBytes(Map.of("modelName", "bench-model",
                "content", Seeder.text("The model answered at length and to the point. ", 2048))));
        Path progressBody = work.resolve("progress.json");
        Files.write(progressBody, Rest.JSON.writeValueAsBytes(Map.of("timeSpentSeconds", 5,
                "videosWatched", List.of("intro"))));
        List<String> chapters = new ArrayList<>();
        for (int chapter = 1; chapter <= 1000; chapter++) {
            chapters.add("/api/progress/chapters/" + chapter);
        }
        Map<String, String> json = Map.of("Content-Type", "application/json");
        Map<String, Wrk.Request> scenarios = new LinkedHashMap<>();
        String hot = "/api/prompts/" + seeded.hotPromptId();
        scenarios.put("GET prompt + 3 responses (owner)", new Wrk.Request("GET", List.of(hot),
                Map.of("Authorization", "Bearer " + seeded.ownerToken()), null));
        scenarios.put("GET prompt + 3 responses (public)", new Wrk.Request("GET", List.of(hot), Map.of(), null));
        scenarios.put("list 50 prompts", new Wrk.Request("GET", List.of("/api/prompts?pageSize=50"),
                Map.of("Authorization", "Bearer " + seeded.listerToken()), null));
        scenarios.put("create prompt (2 KB)", new Wrk.Request("POST", List.of("/api/prompts"),
                merge(json, Map.of("Authorization", "Bearer " + seeded.creatorToken())), createBody));
        scenarios.put("add response (2 KB)", new Wrk.Request("POST",
                seeded.writerPromptIds().stream().map(id -> "/api/prompts/" + id + "/responses").toList(),
                merge(json, Map.of("Authorization", "Bearer " + seeded.writerToken())), responseBody));
        scenarios.put("progress upsert", new Wrk.Request("PUT", chapters,
                merge(json, Map.of("Authorization", "Bearer " + seeded.readerToken())), progressBody));
        scenarios.put("CORS preflight", new Wrk.Request("OPTIONS", List.of("/api/prompts"),
                Map.of("Origin", "http://localhost:5173", "Access-Control-Request-Method", "POST",
                        "Access-Control-Request-Headers", "authorization,content-type"), null));
        Seeder.Diffed diffed = seeded.diffed();
        Map<String, String> owner = Map.of("Authorization", "Bearer " + seeded.ownerToken());
        scenarios.put("diff of two 100 KB versions", new Wrk.Request("GET",
                List.of("/api/prompts/" + diffed.promptId() + "/diff?from=1&to=2"), owner, null));
        scenarios.put("diff of two 100 KB responses", new Wrk.Request("GET", List.of("/api/prompts/" + diffed.promptId()
                + "/responses:diff?a=" + diffed.responseA() + "&b=" + diffed.responseB()), owner, null));
        if (!List.copyOf(scenarios.keySet()).equals(REST_SCENARIOS)) {
            throw new IllegalStateException("the scenarios run differ from the ones --help lists: " + scenarios.keySet());
        }
        return scenarios;
    }

    /** The gRPC reads of the REST scenarios of the same name: the same callers, the same objects. */
    private Map<String, GrpcScenario> grpcScenarios(Seeder.Seeded seeded) {
        byte[] get = GrpcFrame.of(GetPromptRequest.newBuilder().setId(seeded.hotPromptId()).build());
        byte[] list = GrpcFrame.of(ListPromptsRequest.newBuilder().setPageSize(50).build());
        String getPrompt = "/" + PromptServiceGrpc.getGetPromptMethod().getFullMethodName();
        String listPrompts = "/" + PromptServiceGrpc.getListPromptsMethod().getFullMethodName();
        Map<String, GrpcScenario> scenarios = new LinkedHashMap<>();
        scenarios.put("GET prompt + 3 responses (owner)", new GrpcScenario(new H2load.Call(getPrompt,
                Map.of("authorization", "Bearer " + seeded.ownerToken()), get), Prompt.parser()));
        scenarios.put("GET prompt + 3 responses (public)", new GrpcScenario(new H2load.Call(getPrompt, Map.of(), get),
                Prompt.parser()));
        scenarios.put("list 50 prompts", new GrpcScenario(new H2load.Call(listPrompts,
                Map.of("authorization", "Bearer " + seeded.listerToken()), list), ListPromptsResponse.parser()));
        return scenarios;
    }

    /** One gRPC read and the parser of its answer, for the check call. */
    record GrpcScenario(H2load.Call call, Parser<? extends MessageLite> answer) {
    }

    /**
     * h2load at the given connections: it counts every HTTP 200 as a success, so one call with the same
     * headers and body goes first through a client that reads the trailers (grpc-status 0 and a
     * non-empty answer, or the run stops), and the product's own count of failed calls is compared
     * before and after.
     */
    private Scenario grpc(String name, GrpcScenario scenario, String productUrl, int connections, double limitRate,
                          Process product) throws Exception {
        checkCall(productUrl, scenario);
        String method = scenario.call().path().substring(1);
        ProductMetrics metrics = new ProductMetrics(productUrl);
        OptionalLong failedBefore = metrics.failedCalls(method);
        H2load.Result result = h2load.run(productUrl, scenario.call(), connections, options.warmup(),
                options.duration(), product.pid());
        OptionalLong failedAfter = metrics.failedCalls(method);
        long grpcFailures = failedBefore.isPresent() && failedAfter.isPresent()
                ? failedAfter.getAsLong() - failedBefore.getAsLong() : 0;
        if (failedBefore.isEmpty() || failedAfter.isEmpty()) {
            System.err.println(name + " over gRPC: the product serves no /metrics; calls answered 200 with a"
                    + " grpc-status other than 0 would go uncounted");
        }
        H2load.Summary summary = result.summary();
        long done = Math.max(1, summary.done());
        String generator = result.generatorCpuMillis().isPresent() ? String.format(Locale.ROOT, "%.3f ms/req",
                (double) result.generatorCpuMillis().getAsLong() / done) : "CPU not read";
        return new Scenario(name, "gRPC, h2load -m 1, generator " + generator, connections, summary.requestsPerSecond(),
                result.latency().p50Millis(), result.latency().p99Millis(), result.latency().p999Millis(),
                summary.errors() + grpcFailures, (double) result.observedCpuMillis() / done,
                summary.requestsPerSecond() / limitRate);
    }

    /** One call with h2load's headers and body over HTTP/2 (prior knowledge), trailers read: OK and an answer. */
    private static void checkCall(String productUrl, GrpcScenario scenario) throws Exception {
        RequestHeadersBuilder headers = RequestHeaders.builder(HttpMethod.POST, scenario.call().path())
                .contentType(MediaType.parse("application/grpc")).add(HttpHeaderNames.TE, "trailers");
        scenario.call().headers().forEach(headers::add);
        AggregatedHttpResponse response = WebClient.of(productUrl.replaceFirst("^http:", "h2c:"))
                .execute(headers.build(), scenario.call().body()).aggregate().get(10, TimeUnit.SECONDS);
        // A call that fails at once answers with headers only: grpc-status is then among the headers.
        String status = response.trailers().contains("grpc-status") ? response.trailers().get("grpc-status")
                : response.headers().get("grpc-status");
        if (response.status().code() != 200 || !"0".equals(status)) {
            throw new IllegalStateException(scenario.call().path() + " answered HTTP " + response.status().code()
                    + ", grpc-status " + status + " (" + response.headers().get("grpc-message")
                    + response.trailers().get("grpc-message") + ")");
        }
        MessageLite answer = scenario.answer().parseFrom(GrpcFrame.payload(response.content().array()));
        if (answer.getSerializedSize() == 0) {
            throw new IllegalStateException(scenario.call().path() + " answered an empty message");
        }
    }

    /** A measured run, with the CPU time the product and (through the gateway) workerd spent on it. */
    record Measured(Wrk.Summary summary, long cpuMillis, long gatewayCpuMillis, long warmUpRequests) {
    }

    /** A warm-up (longer for writes), then the measured run with {@code pid}'s CPU time over it. */
    private Measured measure(Wrk wrk, String url, Wrk.Request request, int connections, long pid) throws Exception {
        return measure(wrk, url, request, connections, pid, List.of());
    }

    /** The same, also counting the CPU time of {@code gatewayPids}. */
    private Measured measure(Wrk wrk, String url, Wrk.Request request, int connections, long pid,
                             List<Long> gatewayPids) throws Exception {
        Duration warmup = request.method().equals("POST") ? options.writeWarmUp() : options.warmup();
        Wrk.Summary warmUp = wrk.run(url, request, connections, warmup);
        long cpuBefore = ProcessStats.cpuMillis(pid);
        long gatewayBefore = gatewayPids.stream().mapToLong(ProcessStats::cpuMillis).sum();
        Wrk.Summary summary = wrk.run(url, request, connections, options.duration());
        return new Measured(summary, ProcessStats.cpuMillis(pid) - cpuBefore,
                gatewayPids.stream().mapToLong(ProcessStats::cpuMillis).sum() - gatewayBefore, warmUp.requests());
    }

    private Scenario row(String name, String transport, int connections, Wrk.Summary summary, double limitRatio,
                         double cpuMillis) {
        return new Scenario(name, transport, connections, summary.requestsPerSecond(), summary.p50Millis(),
                summary.p99Millis(), summary.p999Millis(), summary.errors(),
                Double.isNaN(cpuMillis) ? Double.NaN : cpuMillis / Math.max(1, summary.requests()), limitRatio);
    }

    private Process start(List<String> arguments, Map<String, String> env, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(JVM_FLAGS);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(work.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private void stopAll() {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    // Node's children (workerd) would outlive it.
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
    }

    private static void awaitOk(String url, Duration timeout) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException(url + " did not answer 200 within " + timeout);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
        Map<String, String> merged = new LinkedHashMap<>(a);
        merged.putAll(b);
        return merged;
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(cpu);
        } catch (IOException ignored) {
            // keep the placeholder
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), "
                + Math.round(Runtime.getRuntime().maxMemory() > 0 ? totalMemoryGiB() : 0) + " GiB";
    }

    private static double totalMemoryGiB() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0).orElse(0.0);
        } catch (IOException e) {
            return 0;
        }
    }
}
