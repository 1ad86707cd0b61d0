package dev.prompttracker.bench;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Runs the real wrk (skipped where it is not installed) against a loopback server. */
class WrkTest {

    @Test
    void rotatesThroughMorePathsThanOneEnvironmentVariableCouldHold(@TempDir Path work) throws Exception {
        assumeTrue(wrkInstalled(), "wrk is not installed");
        Set<String> seen = ConcurrentHashMap.newKeySet();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            seen.add(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            // 4,000 paths of ~80 characters: 320 KB, past Linux's 128 KiB limit for one environment string.
            List<String> paths = IntStream.range(0, 4_000)
                    .mapToObj(i -> "/api/prompts/%070d/responses".formatted(i)).toList();
            Wrk.Summary summary = new Wrk(work).run("http://127.0.0.1:" + server.getAddress().getPort(),
                    new Wrk.Request("GET", paths, Map.of(), null), 2, Duration.ofSeconds(1));

            assertThat(summary.requests()).isPositive();
            assertThat(summary.errors()).isZero();
            assertThat(seen).hasSizeGreaterThan(1).allMatch(paths::contains);
        } finally {
            server.stop(0);
        }
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("scenario.lua");
        }
    }

    static boolean wrkInstalled() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "wrk")));
    }
}
