package dev.prompttracker.adapter.r2;

import dev.prompttracker.application.contract.BlobStoreContract;
import dev.prompttracker.application.port.out.BlobStore;
import dev.prompttracker.cloudflare.CloudflareException;
import dev.prompttracker.cloudflare.CloudflareRequest;
import dev.prompttracker.cloudflare.workerd.WorkerdGateway;
import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.error.TooLarge;
import dev.prompttracker.domain.error.Unavailable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * R2 as the Workers runtime runs it (workerd's local R2, through the gateway Worker's bucket binding)
 * passes the blob store contract, one signed call per operation. Skipped where Node.js 22+ cannot be had.
 */
class GatewayBlobStoreWorkerdTest implements BlobStoreContract {
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private WorkerdGateway gateway;
    private GatewayBlobStore store;

    @BeforeEach
    void connect() {
        gateway = WorkerdGateway.shared();
        store = new GatewayBlobStore(gateway.client((service, operation, status) ->
                calls.add(service + " " + operation + " " + status)), WorkerdGateway.R2,
                Executors.newVirtualThreadPerTaskExecutor());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Override
    public BlobStore blobs() {
        return store;
    }

    @Test
    void eachOperationIsOneCallToTheGateway() {
        BlobKey key = BlobKey.newPromptKey(Instant.now());
        store.put(key, new byte[] {1});
        store.get(key);
        store.delete(key);
        assertThat(store.get(key)).isEmpty();
        assertThat(calls).containsExactly("r2 PutObject 200", "r2 GetObject 200", "r2 DeleteObject 200",
                "r2 GetObject 404");
    }

    @Test
    void aBucketTheGatewayDoesNotBindIsAnErrorNotAnEmptyStore() {
        try (GatewayBlobStore unbound = new GatewayBlobStore(gateway.client((service, operation, status) -> { }),
                "NO_SUCH_BUCKET", Executors.newVirtualThreadPerTaskExecutor())) {
            BlobKey key = BlobKey.newResponseKey(Instant.now());
            assertThatThrownBy(() -> unbound.get(key)).isInstanceOf(Unavailable.class)
                    .hasMessageContaining("no R2 bucket bound as \"NO_SUCH_BUCKET\"");
            assertThatThrownBy(() -> unbound.put(key, new byte[] {1})).isInstanceOf(Unavailable.class);
        }
    }

    @Test
    void aKeyR2RefusesIsA400InTheGatewaysErrorShape() {
        // Blob keys are short by construction; the gateway still answers a bad one as its README says.
        CloudflareRequest put = new CloudflareRequest("r2", "PutObject", "PUT",
                "/r2/buckets/" + WorkerdGateway.R2 + "/objects/" + "k".repeat(1025), Map.of(), new byte[] {1}, null, true);
        assertThatThrownBy(() -> gateway.client((service, operation, status) -> { }).send(put))
                .isInstanceOfSatisfying(CloudflareException.ApiError.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.hasCode(10020)).as(e.getMessage()).isTrue();
                });
    }

    @Test
    void aBodyOverTheGatewaysLimitIsTooLargeAndNothingIsStored() {
        BlobKey key = BlobKey.newPromptKey(Instant.now());
        assertThatThrownBy(() -> store.put(key, new byte[2 * 1024 * 1024 + 1])).isInstanceOf(TooLarge.class)
                .hasMessageContaining("limit");
        assertThat(store.get(key)).isEmpty();
    }

    @Test
    void readsManyBodiesAtOnceInTheirOrder() {
        Map<BlobKey, byte[]> bodies = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            BlobKey key = BlobKey.newResponseKey(Instant.now());
            bodies.put(key, ("body " + i).getBytes());
            store.put(key, bodies.get(key));
        }
        assertThat(store.getAll(bodies.keySet())).containsExactlyEntriesOf(bodies);
    }
}
