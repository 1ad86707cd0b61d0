package dev.prompttracker.adapter.r2;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import dev.prompttracker.application.contract.BlobStoreContract;
import dev.prompttracker.application.port.out.BlobStore;
import dev.prompttracker.domain.content.BlobKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The R2 adapter against an S3-compatible server running in process (Adobe's S3Mock). */
class S3BlobStoreTest implements BlobStoreContract {
    private static final String BUCKET = "prompt-tracker-test";
    @RegisterExtension
    static final S3MockExtension S3 = S3MockExtension.builder().silent().withSecureConnection(false)
            .withInitialBuckets(BUCKET).build();
    private static S3BlobStore store;

    @BeforeAll
    static void open() {
        URI endpoint = URI.create(S3.getServiceEndpoint());
        S3Client client = S3BlobStore.client(endpoint, "test-key", "test-secret", Duration.ofSeconds(10));
        store = new S3BlobStore(client, S3BlobStore.presigner(endpoint, "test-key", "test-secret"), BUCKET,
                6L * 1024 * 1024, S3BlobStore.MIN_PART_BYTES);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Override
    public BlobStore blobs() {
        return store;
    }

    @Test
    void aLargeBodyGoesUpInPartsAndComesBackWhole() {
        BlobKey key = BlobKey.newPromptKey(Instant.parse("2026-11-22T10:00:00Z"));
        byte[] body = new byte[11 * 1024 * 1024 + 17];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ('a' + i % 26);
        }
        store.put(key, body);
        assertThat(store.get(key)).hasValueSatisfying(read -> assertThat(Arrays.equals(read, body)).isTrue());
    }

    @Test
    void aPresignedLinkServesTheBodyWithoutCredentials() throws Exception {
        BlobKey key = BlobKey.newResponseKey(Instant.parse("2026-11-22T10:00:00Z"));
        store.put(key, "shared body".getBytes());
        URI link = store.presignedGet(key, Duration.ofMinutes(10)).toURI();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(link).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("shared body");
        assertThatThrownBy(() -> store.presignedGet(key, Duration.ofDays(8))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reachesTheBucket() {
        store.checkReachable();
    }
}
