package dev.prompttracker.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StoresTest {
    @TempDir
    Path folder;

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void theEmbeddedStoresTightenWhatAnOlderVersionLeftOpenInDataDir() throws Exception {
        Path dataDir = folder.resolve("data");
        AppConfig config = AppConfig.from(Environment.of(Map.of("DATA_DIR", dataDir.toString())));
        Stores.open(config, Clock.systemUTC(), null).close();
        // What an older version left: folders 0755, SQLite files 0644, WAL files of a crash.
        List<Path> folders = List.of(dataDir, config.blobFolder(), config.outbox());
        List<Path> files = List.of(config.databaseFile(), dataDir.resolve("prompt-tracker.sqlite-wal"),
                dataDir.resolve("prompt-tracker.sqlite-shm"), config.queueFile(), dataDir.resolve("queue.sqlite-wal"),
                dataDir.resolve("queue.sqlite-shm"));
        for (Path path : folders) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        for (Path path : files) {
            if (Files.notExists(path)) {
                Files.createFile(path);
            }
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
        }

        try (Stores stores = Stores.open(config, Clock.systemUTC(), null)) {
            stores.probes.values().forEach(Runnable::run);
            for (Path path : folders) {
                assertThat(mode(path)).as(path.toString()).isEqualTo("rwx------");
            }
            for (Path path : files) {
                assertThat(mode(path)).as(path.toString()).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void theMigrateCommandAloneAlsoKeepsDataDirOwnerOnly() throws Exception {
        Path dataDir = folder.resolve("data");
        Files.createDirectories(dataDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxr-x")));
        AppConfig config = AppConfig.from(Environment.of(Map.of("DATA_DIR", dataDir.toString())));
        Stores.openMetadata(config, Clock.systemUTC()).close();
        assertThat(mode(dataDir)).isEqualTo("rwx------");
        assertThat(mode(config.databaseFile())).isEqualTo("rw-------");
    }
}
