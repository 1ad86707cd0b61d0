package dev.prompttracker.adapter.r2;

import dev.prompttracker.application.contract.BlobStoreContract;
import dev.prompttracker.application.port.out.BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.net.URI;
import java.time.Duration;

/** The same contract against MinIO in a container; skipped where there is no Docker engine. */
@Testcontainers(disabledWithoutDocker = true)
class MinioBlobStoreIT implements BlobStoreContract {
    @Container
    static final MinIOContainer MINIO = new MinIOContainer("minio/minio:RELEASE.2024-12-18T13-15-44Z");
    private static S3BlobStore store;

    @BeforeAll
    static void open() {
        URI endpoint = URI.create(MINIO.getS3URL());
        var client = S3BlobStore.client(endpoint, MINIO.getUserName(), MINIO.getPassword(), Duration.ofSeconds(10));
        client.createBucket(b -> b.bucket("blobs"));
        store = new S3BlobStore(client, S3BlobStore.presigner(endpoint, MINIO.getUserName(), MINIO.getPassword()),
                "blobs", 8L * 1024 * 1024, S3BlobStore.MIN_PART_BYTES);
    }

    @AfterAll
    static void close() {
        if (store != null) {
            store.close();
        }
    }

    @Override
    public BlobStore blobs() {
        return store;
    }
}
