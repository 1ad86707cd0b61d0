package dev.prompttracker.bootstrap;

import dev.prompttracker.adapter.r2.GatewayBlobStore;
import dev.prompttracker.adapter.r2.S3BlobStore;
import dev.prompttracker.application.port.out.BlobStore;
import dev.prompttracker.cloudflare.CallListener;
import dev.prompttracker.cloudflare.workerd.WorkerdGateway;
import dev.prompttracker.domain.content.BlobKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Small bodies through each R2 transport, one operation at a time: {@link S3BlobStore} against the S3
 * stand-in (Adobe's S3Mock, in a JVM of its own so that this JVM's CPU is the client's alone) and
 * {@link GatewayBlobStore} against the gateway Worker on workerd. The two take turns in rounds, so both
 * see the same load on a shared machine. It prints latency percentiles, this JVM's CPU per operation,
 * the stand-ins' CPU and the list price per million operations, writes them to
 * {@code target/blob-transport.md} ({@code bench/run --blobs} prints it), and checks only that every
 * operation returned the right bytes: times are read, not asserted. {@code -Dblobs.rounds} and
 * {@code -Dblobs.perRound} set its length (10 × 50 operations per row and transport by default).
 */
class BlobTransportIT {
    private static final int ROUNDS = Integer.getInteger("blobs.rounds", 10);
    private static final int PER_ROUND = Integer.getInteger("blobs.perRound", 50);
    private static final int WARM_UP = Integer.getInteger("blobs.warmUp", 1500);
    /** A row stops taking rounds after this long, whatever the counts asked for. */
    private static final Duration ROW_LIMIT = Duration.ofSeconds(90);
    private static final int BODIES_PER_SIZE = 64;
    private static final String BUCKET = "blob-transport";
    /**
     * List prices in USD per million (developers.cloudflare.com, R2 and Workers pricing, read 2026-12-03):
     * R2 Class A (PutObject), Class B (GetObject; DeleteObject is free), a Workers Paid request.
     */
    private static final double CLASS_A = 4.50;
    private static final double CLASS_B = 0.36;
    private static final double WORKER_REQUEST = 0.30;

    @TempDir
    Path folder;

    private record Operation(String name, int bytes, int bodies) {
        String label() {
            return (bodies == 1 ? name : name + " " + bodies + " in parallel") + ", " + bytes / 1024 + " KiB"
                    + (bodies == 1 ? "" : " each");
        }

        /** R2 operations (and, through the gateway, Worker requests) one of these makes. */
        double listPrice(boolean gateway) {
            double r2 = name.equals("put") ? CLASS_A : CLASS_B;
            return bodies * (r2 + (gateway ? WORKER_REQUEST : 0));
        }
    }

    /** One transport's side of a row: latencies in nanoseconds, and CPU of this JVM and of its stand-in. */
    private static final class Tally {
        final List<Long> latencies = new ArrayList<>();
        long clientCpuNanos;
        long serverCpuNanos;

        double percentile(double p) {
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)] / 1e6;
        }

        double perOperation(long nanos) {
            return nanos / 1e6 / latencies.size();
        }
    }

    private interface Side {
        String name();

        BlobStore store();

        Map<Integer, List<BlobKey>> stored();

        /** CPU the stand-in behind this store has spent so far. */
        long serverCpuNanos();

        boolean gateway();
    }

    @Test
    void smallBodiesThroughTheS3EndpointAndThroughTheGateway() throws Exception {
        WorkerdGateway gateway = WorkerdGateway.shared();
        String loadBefore = loadAverage();
        try (S3Stand s3Stand = S3Stand.start(folder);
             S3BlobStore s3 = new S3BlobStore(S3BlobStore.client(s3Stand.endpoint, "bench-key", "bench-secret",
                     Duration.ofSeconds(10)), S3BlobStore.presigner(s3Stand.endpoint, "bench-key", "bench-secret"),
                     BUCKET, 16L * 1024 * 1024, S3BlobStore.MIN_PART_BYTES);
             GatewayBlobStore binding = new GatewayBlobStore(gateway.client(CallListener.NONE), WorkerdGateway.R2,
                     Executors.newVirtualThreadPerTaskExecutor())) {
            ProcessHandle s3Process = s3Stand.process.toHandle();
            List<Side> sides = List.of(
                    side("S3 endpoint (S3BlobStore → S3Mock)", s3, () -> cpuNanos(handle -> handle.equals(s3Process)), false),
                    side("gateway (GatewayBlobStore → workerd)", binding,
                            () -> cpuNanos(handle -> !handle.equals(s3Process) && !isDescendant(handle, s3Process)), true));
            List<Operation> operations = List.of(new Operation("put", 1024, 1), new Operation("get", 1024, 1),
                    new Operation("get", 1024, 4), new Operation("put", 16 * 1024, 1), new Operation("get", 16 * 1024, 1),
                    new Operation("get", 16 * 1024, 4));
            for (Side side : sides) {
                for (int size : List.of(1024, 16 * 1024)) {
                    for (int i = 0; i < BODIES_PER_SIZE; i++) {
                        BlobKey key = BlobKey.newResponseKey(Instant.now());
                        side.store().put(key, BODIES.get(size));
                        side.stored().get(size).add(key);
                    }
                }
                // The JIT compiles the paths at these rates within a few thousand calls (bench/README.md).
                for (int i = 0; i < WARM_UP; i++) {
                    run(side, operations.get(i % operations.size()));
                }
            }

            StringBuilder table = new StringBuilder();
            Instant started = Instant.now();
            table.append("### Small bodies through each R2 transport (").append(started.truncatedTo(ChronoUnit.MINUTES)
                    .atOffset(ZoneOffset.UTC).toLocalDateTime()).append(" UTC)\n\n")
                    .append(String.format(Locale.ROOT, "%d cores, load average %s before and LOAD_AFTER after; %d rounds of %d "
                                    + "operations per row and transport, taking turns, after %d warm-up operations each; "
                                    + "JVM %s.%n%n", Runtime.getRuntime().availableProcessors(), loadBefore, ROUNDS, PER_ROUND,
                            WARM_UP, Runtime.version()))
                    .append("| operation | transport | ops | p50 ms | p99 ms | mean ms | product JVM CPU ms/op "
                            + "| stand-in CPU ms/op | USD per million ops (list) |\n")
                    .append("|---|---|--:|--:|--:|--:|--:|--:|--:|\n");
            for (Operation operation : operations) {
                Tally[] tallies = {new Tally(), new Tally()};
                Instant rowStart = Instant.now();
                for (int round = 0; round < ROUNDS && Duration.between(rowStart, Instant.now()).compareTo(ROW_LIMIT) < 0;
                     round++) {
                    for (int s = 0; s < sides.size(); s++) {
                        measure(sides.get(s), operation, tallies[s]);
                    }
                }
                for (int s = 0; s < sides.size(); s++) {
                    Tally tally = tallies[s];
                    table.append(String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %.2f | %.2f | %.3f | %.3f | %.2f |%n",
                            operation.label(), sides.get(s).name(), tally.latencies.size(), tally.percentile(50),
                            tally.percentile(99), tally.latencies.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6,
                            tally.perOperation(tally.clientCpuNanos), tally.perOperation(tally.serverCpuNanos),
                            operation.listPrice(sides.get(s).gateway())));
                }
            }
            String report = table.toString().replace("LOAD_AFTER", loadAverage());
            System.out.println(report);
            Files.writeString(Path.of("target", "blob-transport.md"), report);
        }
    }

    private static Side side(String name, BlobStore store, java.util.function.LongSupplier serverCpu, boolean gateway) {
        Map<Integer, List<BlobKey>> stored = Map.of(1024, new ArrayList<>(), 16 * 1024, new ArrayList<>());
        return new Side() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public BlobStore store() {
                return store;
            }

            @Override
            public Map<Integer, List<BlobKey>> stored() {
                return stored;
            }

            @Override
            public long serverCpuNanos() {
                return serverCpu.getAsLong();
            }

            @Override
            public boolean gateway() {
                return gateway;
            }
        };
    }

    private static void measure(Side side, Operation operation, Tally tally) {
        long serverBefore = side.serverCpuNanos();
        long clientBefore = processCpuNanos();
        for (int i = 0; i < PER_ROUND; i++) {
            long start = System.nanoTime();
            run(side, operation);
            tally.latencies.add(System.nanoTime() - start);
        }
        tally.clientCpuNanos += processCpuNanos() - clientBefore;
        tally.serverCpuNanos += side.serverCpuNanos() - serverBefore;
    }

    /**
     * One operation: a put, or reads of stored bodies (checking the bytes). Puts replace one of the stored
     * bodies rather than add one, which costs R2 the same: S3Mock slows down as a bucket fills (a put took
     * 28 ms instead of 3 after 40,000 of them), which would be measuring the stand-in.
     */
    private static void run(Side side, Operation operation) {
        List<BlobKey> stored = side.stored().get(operation.bytes());
        int first = ThreadLocalRandom.current().nextInt(stored.size());
        if (operation.name().equals("put")) {
            side.store().put(stored.get(first), BODIES.get(operation.bytes()));
            return;
        }
        List<BlobKey> keys = new ArrayList<>();
        for (int i = 0; i < operation.bodies(); i++) {
            keys.add(stored.get((first + i) % stored.size()));
        }
        Map<BlobKey, byte[]> found = operation.bodies() == 1
                ? side.store().get(keys.getFirst()).map(bytes -> Map.of(keys.getFirst(), bytes)).orElse(Map.of())
                : side.store().getAll(keys);
        assertThat(found).as(side.name()).hasSize(operation.bodies());
        found.values().forEach(bytes -> assertThat(bytes).as(side.name()).hasSize(operation.bytes()));
    }

    /** Bodies made once, so that making them costs no CPU inside the measured rounds. */
    private static final Map<Integer, byte[]> BODIES = Map.of(1024, body(1024), 16 * 1024, body(16 * 1024));

    private static byte[] body(int bytes) {
        byte[] body = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            body[i] = (byte) ('a' + ThreadLocalRandom.current().nextInt(26));
        }
        return body;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** CPU spent so far by this JVM's child processes that {@code which} picks (with their own children). */
    private static long cpuNanos(Predicate<ProcessHandle> which) {
        return ProcessHandle.current().descendants().filter(which)
                .mapToLong(handle -> handle.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
    }

    private static boolean isDescendant(ProcessHandle handle, ProcessHandle ancestor) {
        for (Optional<ProcessHandle> parent = handle.parent(); parent.isPresent(); parent = parent.get().parent()) {
            if (parent.get().equals(ancestor)) {
                return true;
            }
        }
        return false;
    }

    private static String loadAverage() {
        try {
            return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
        } catch (IOException e) {
            return "(unknown)";
        }
    }

    /** Adobe's S3Mock in a JVM of its own, on a free loopback port, with the bucket created. */
    private static final class S3Stand implements AutoCloseable {
        final Process process;
        final URI endpoint;

        private S3Stand(Process process, URI endpoint) {
            this.process = process;
            this.endpoint = endpoint;
        }

        static S3Stand start(Path folder) throws Exception {
            int port;
            try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = free.getLocalPort();
            }
            // Forked test JVMs carry their class path in this property; java.class.path is a manifest jar.
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Path log = Path.of("target", "blob-transport-s3mock.log");
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-Djava.io.tmpdir=" + Files.createDirectories(folder.resolve("s3mock")), "-cp", classPath,
                    "com.adobe.testing.s3mock.S3MockApplication", "--server.port=0", "--http.port=" + port,
                    "--logging.level.root=WARN")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            HttpClient http = HttpClient.newHttpClient();
            Instant deadline = Instant.now().plusSeconds(90);
            while (true) {
                try {
                    if (http.send(HttpRequest.newBuilder(endpoint).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // Still starting.
                }
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("S3Mock did not start; see " + log.toAbsolutePath() + ": "
                            + Files.readString(log, StandardCharsets.UTF_8).lines().limit(20).toList());
                }
                Thread.sleep(200);
            }
            try (S3Client client = S3BlobStore.client(endpoint, "bench-key", "bench-secret", Duration.ofSeconds(10))) {
                client.createBucket(b -> b.bucket(BUCKET));
            }
            return new S3Stand(process, endpoint);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
