package dev.prompttracker.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The product on its embedded defaults in a temporary data directory: SQLite, files, local queue, outbox. */
final class EmbeddedDeployment implements ProductJourneys.Deployment {
    private final Path dataDir;

    EmbeddedDeployment(Path dataDir) {
        this.dataDir = dataDir;
    }

    @Override
    public PromptTracker start() {
        return start(Map.of());
    }

    PromptTracker start(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(ProductJourneys.settings());
        env.put("DATA_DIR", dataDir.toString());
        env.putAll(overrides);
        return PromptTracker.start(AppConfig.from(Environment.of(env)), Clock.systemUTC());
    }

    @Override
    public List<String> blobKeys() {
        return names(dataDir.resolve("blobs"), "");
    }

    @Override
    public String awaitEmailTo(String address, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<String> eml = names(dataDir.resolve("outbox"), ".eml").stream()
                    .map(name -> read(dataDir.resolve("outbox").resolve(name)))
                    .filter(text -> text.contains("To: " + address))
                    .findFirst();
            if (eml.isPresent()) {
                return eml.get();
            }
            pause();
        }
        throw new AssertionError("no email to " + address + " reached the outbox within " + timeout);
    }

    @Override
    public int emailsSent() {
        return names(dataDir.resolve("outbox"), ".eml").size();
    }

    private static List<String> names(Path folder, String suffix) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(suffix) && !n.startsWith("."))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything the product keeps in DATA_DIR is owner-only: folders 0700, files 0600. */
    static void assertOwnerOnly(Path dataDir) {
        try (Stream<Path> all = Files.walk(dataDir)) {
            List<Path> paths = all.toList();
            assertThat(paths).as("DATA_DIR holds what the product made").hasSizeGreaterThan(1);
            for (Path path : paths) {
                String expected = Files.isDirectory(path) ? "rwx------" : "rw-------";
                try {
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).as(path.toString())
                            .isEqualTo(expected);
                } catch (NoSuchFileException renamedMeanwhile) {
                    // A temporary file renamed into place (checked under its name) or a WAL file checkpointed away.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
