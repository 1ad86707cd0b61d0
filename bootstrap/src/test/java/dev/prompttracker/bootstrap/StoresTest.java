package dev.prompttracker.bootstrap;

import dev.prompttracker.adapter.r2.GatewayBlobStore;
import dev.prompttracker.cloudflare.workerd.WorkerdGateway;
import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.error.Unavailable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void withR2TransportGatewayBodiesGoThroughTheWorkersBucketBinding() {
        WorkerdGateway gateway = WorkerdGateway.shared();
        Map<String, String> env = Map.of("DATA_DIR", folder.resolve("data").toString(), "BLOB_STORE", "r2",
                "R2_TRANSPORT", "gateway", "GATEWAY_URL", gateway.url().toString(), "GATEWAY_SECRET", WorkerdGateway.SECRET);
        try (Stores stores = Stores.open(AppConfig.from(Environment.of(env)), Clock.systemUTC(), null)) {
            assertThat(stores.blobs).isInstanceOf(GatewayBlobStore.class);
            assertThat(stores.objectStore()).as("no S3 client, so no bucket CORS").isEmpty();
            BlobKey key = BlobKey.newPromptKey(Instant.now());
            stores.blobs.put(key, "through the binding".getBytes(StandardCharsets.UTF_8));
            assertThat(stores.blobs.get(key)).hasValueSatisfying(body ->
                    assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("through the binding"));
            assertThat(stores.probes).containsKey("blobs (r2 through the gateway)");
            stores.probes.get("blobs (r2 through the gateway)").run();
        }

        Map<String, String> unbound = new HashMap<>(env);
        unbound.put("R2_BUCKET", "NOT_BOUND");
        try (Stores stores = Stores.open(AppConfig.from(Environment.of(unbound)), Clock.systemUTC(), null)) {
            assertThatThrownBy(() -> stores.probes.get("blobs (r2 through the gateway)").run())
                    .isInstanceOf(Unavailable.class).hasMessageContaining("no R2 bucket bound as \"NOT_BOUND\"");
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
