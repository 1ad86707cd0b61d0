package dev.prompttracker.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code bench/run --gateway} in a short form: the product in Cloudflare mode through the gateway
 * Worker on workerd, creates driven by wrk. It prints the table (requests per second and the CPU each
 * process spent) and checks only that every request succeeded: speed is read, not asserted.
 */
class GatewayRunIT {

    @Test
    void createsThroughTheGatewayOnWorkerdAllSucceed() throws Exception {
        Optional<Path> root = repositoryRoot();
        assumeTrue(root.isPresent(), "no gateway/ folder above " + Path.of("").toAbsolutePath());
        Path jar = root.get().resolve("bootstrap/target/prompt-tracker.jar");
        assumeTrue(Files.isRegularFile(jar), "the product jar is not built (" + jar + "): run ./mvnw verify");
        assumeTrue(Files.isDirectory(root.get().resolve("gateway/node_modules/miniflare")),
                "gateway/node_modules is not installed (npm ci in gateway/, as .ci/run does)");
        assumeTrue(WrkTest.wrkInstalled(), "wrk is not installed");

        BenchRun.Options options = BenchRun.Options.parse(new String[] {"--duration", "5", "--warmup", "2",
                "--connections", "16", "--only", "create prompt", "--jar", jar.toString()});
        BenchRun.Run run = BenchRun.throughGateway(options, root.get().resolve("gateway"));
        System.out.println(run.report());

        assertThat(run.rows()).singleElement().satisfies(row -> {
            assertThat(row.name()).isEqualTo("create prompt (2 KB)");
            assertThat(row.requestsPerSecond()).as(run.report()).isPositive();
            assertThat(row.errors()).as(run.report()).isZero();
            assertThat(row.transport()).contains("gateway (workerd");
        });
    }

    private static Optional<Path> repositoryRoot() {
        for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve("gateway/package.json"))) {
                return Optional.of(folder);
            }
        }
        return Optional.empty();
    }
}
