package dev.prompttracker.bench;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The gateway Worker of {@code gateway/} on workerd, through the script its tests use
 * ({@code gateway/test/serve.mjs}: Miniflare with local D1, KV and Queues, pushing email jobs to the
 * product). It runs while its standard input stays open; {@code bench/run} installs
 * {@code gateway/node_modules} (which brings Node.js 22+) first.
 */
record WorkerdProcess(Process process, String url) {
    /** Starts it on a free loopback port with fresh local stores in {@code persist}. */
    static WorkerdProcess start(Path gatewayFolder, Path persist, String secret, String productUrl, Path log)
            throws IOException, InterruptedException {
        Path bundledNode = gatewayFolder.resolve("node_modules/.bin/node");
        String node = Files.isExecutable(bundledNode) ? bundledNode.toAbsolutePath().toString() : "node";
        ProcessBuilder builder = new ProcessBuilder(List.of(node, "test/serve.mjs", persist.toAbsolutePath().toString(),
                secret, productUrl)).directory(gatewayFolder.toFile()).redirectError(log.toFile());
        builder.environment().put("WRANGLER_SEND_METRICS", "false");
        Process process = builder.start();
        CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                        .readLine();
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
        String url = urlIn(line);
        if (url.isEmpty()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IllegalStateException("the gateway did not start on workerd (it printed " + line + "); see " + log);
        }
        return new WorkerdProcess(process, url);
    }

    /** The {@code url} of serve.mjs's first line, or empty when it printed something else. */
    private static String urlIn(String line) {
        try {
            return line == null ? "" : new ObjectMapper().readTree(line).path("url").asText("");
        } catch (IOException notJson) {
            return "";
        }
    }

    /** The workerd processes under it: where the Worker and its local D1 run. */
    List<Long> workerdPids() {
        return process.descendants()
                .filter(child -> child.info().command().map(command -> command.endsWith("workerd")).orElse(false))
                .map(ProcessHandle::pid).toList();
    }

    void stop() throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // closing standard input is the polite stop; the process is killed below if it did not work
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
