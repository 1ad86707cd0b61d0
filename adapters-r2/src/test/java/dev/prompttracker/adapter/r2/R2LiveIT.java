package dev.prompttracker.adapter.r2;

import dev.prompttracker.application.contract.BlobStoreContract;
import dev.prompttracker.application.port.out.BlobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The blob store contract on a real R2 bucket ({@code LIVE_R2_BUCKET}, {@code LIVE_R2_ACCESS_KEY_ID},
 * {@code LIVE_R2_SECRET_ACCESS_KEY}, and {@code LIVE_R2_ENDPOINT} or {@code LIVE_CLOUDFLARE_ACCOUNT_ID};
 * {@code -Plive}, skipped unless set).
 */
@Tag("live")
class R2LiveIT implements BlobStoreContract {
    private S3BlobStore store;

    /** Connects before the test body, so a skip is not mistaken for an expected failure inside it. */
    @BeforeEach
    void connect() {
        blobs();
    }

    @Override
    public BlobStore blobs() {
        if (store == null) {
            URI endpoint = URI.create(optional("LIVE_R2_ENDPOINT").orElseGet(() ->
                    "https://" + require("LIVE_CLOUDFLARE_ACCOUNT_ID") + ".r2.cloudflarestorage.com"));
            String key = require("LIVE_R2_ACCESS_KEY_ID");
            String secret = require("LIVE_R2_SECRET_ACCESS_KEY");
            store = new S3BlobStore(S3BlobStore.client(endpoint, key, secret, Duration.ofSeconds(30)),
                    S3BlobStore.presigner(endpoint, key, secret), require("LIVE_R2_BUCKET"), 16L * 1024 * 1024,
                    S3BlobStore.MIN_PART_BYTES);
        }
        return store;
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private static Optional<String> optional(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }

    private static String require(String name) {
        Optional<String> value = optional(name);
        Assumptions.assumeTrue(value.isPresent(), () -> "live suite skipped: set " + name + " (see the README)");
        return value.orElseThrow();
    }
}
