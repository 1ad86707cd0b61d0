package dev.prompttracker.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar prompt-tracker.jar} as the README starts it: the launcher serves from a child JVM with
 * the production flags, which trains a class-data cache in DATA_DIR on the first run and maps it after.
 */
class LauncherIT {
    private static final Path JAR = Path.of("target", "prompt-tracker.jar").toAbsolutePath();
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    @TempDir
    Path workDir;

    @Test
    void theFirstRunLeavesAnAotCacheInDataDirWhichTheNextRunMapsAndABrokenOneIsDroppedQuietly() throws Exception {
        Path cacheFolder = workDir.resolve("data").resolve("jvm");
        Process first = start(Map.of(), "first.log");
        try {
            ProcessHandle child = onlyChild(first);
            assertThat(child.info().commandLine().orElseThrow()).contains("-Xmx72m", "-XX:+UseSerialGC",
                    "-XX:AOTMode=record", "-XX:AOTConfiguration=" + cacheFolder);
        } finally {
            first.destroy();
            assertThat(first.waitFor(120, TimeUnit.SECONDS)).as("stops on SIGTERM, cache assembled").isTrue();
        }
        assertThat(first.exitValue()).isEqualTo(143);
        Path cache = onlyCache(cacheFolder);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache))).isEqualTo("rw-------");
        assertThat(Files.readString(workDir.resolve("first.log"))).contains("serving gRPC and REST")
                .doesNotContain("AOTConfiguration", "WARNING", "warning");

        Process second = start(Map.of(), "second.log");
        try {
            assertThat(onlyChild(second).info().commandLine().orElseThrow()).contains("-XX:AOTCache=" + cache)
                    .doesNotContain("AOTMode=record");
        } finally {
            second.destroy();
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.readString(workDir.resolve("second.log"))).doesNotContain("class-data cache", "warning");

        Files.write(cache, new byte[64 * 1024]);
        Process third = start(Map.of(), "third.log");
        try {
            assertThat(onlyChild(third).info().commandLine().orElseThrow()).contains("-XX:AOTCache=" + cache);
            assertThat(cache).as("the unusable cache is dropped, for the next run to train a new one").doesNotExist();
        } finally {
            third.destroy();
            assertThat(third.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.readString(workDir.resolve("third.log"))).contains("could not use its class-data cache")
                .doesNotContain("[aot]", "[cds]", "Exception");
    }

    @Test
    void killingTheLauncherOutrightTakesTheServingChildWithIt() throws Exception {
        Process launcher = start(Map.of(), "killed.log");
        ProcessHandle child;
        try {
            child = onlyChild(launcher);
        } finally {
            launcher.destroyForcibly();
        }
        assertThat(child.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
    }

    @Test
    void javaLauncherOffServesInTheJvmTheUserStarted() throws Exception {
        Process server = start(Map.of("JAVA_LAUNCHER", "off"), "off.log");
        try {
            assertThat(server.children().toList()).isEmpty();
        } finally {
            server.destroy();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(workDir.resolve("data").resolve("jvm")).doesNotExist();
    }

    private int port;

    /** Starts the jar plainly and waits for /healthz. */
    private Process start(Map<String, String> env, String log) throws Exception {
        port = JarLaunchIT.freePort();
        ProcessBuilder builder = new ProcessBuilder(JAVA, "-jar", JAR.toString()).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(workDir.resolve(log).toFile());
        builder.environment().keySet().removeAll(List.of("DATA_DIR", "JWT_SECRET", "JAVA_TOOL_OPTIONS",
                "JDK_JAVA_OPTIONS", "JAVA_LAUNCHER", ChildJvm.LAUNCHER_PID, ChildJvm.CLASS_CACHE));
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().putAll(env);
        Process process = builder.start();
        waitForHealth(process, Duration.ofSeconds(90));
        return process;
    }

    private static ProcessHandle onlyChild(Process launcher) {
        List<ProcessHandle> children = launcher.children().toList();
        assertThat(children).hasSize(1);
        return children.getFirst();
    }

    private static Path onlyCache(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> caches = files.filter(file -> file.toString().endsWith(".aot")).toList();
            assertThat(caches).hasSize(1);
            return caches.getFirst();
        }
    }

    private void waitForHealth(Process process, Duration timeout) throws Exception {
        JarLaunchIT.waitForHealth(port, timeout, process::isAlive);
    }
}
