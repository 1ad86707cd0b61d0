package dev.prompttracker.adapter.r2;

import dev.prompttracker.application.port.out.BlobStore;
import dev.prompttracker.cloudflare.CloudflareClient;
import dev.prompttracker.cloudflare.CloudflareException;
import dev.prompttracker.cloudflare.CloudflareRequest;
import dev.prompttracker.cloudflare.CloudflareResponse;
import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.error.RateLimited;
import dev.prompttracker.domain.error.TooLarge;
import dev.prompttracker.domain.error.Unavailable;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * Bodies in R2 through the gateway Worker's bucket binding ({@code gateway/}, {@code R2_TRANSPORT=gateway}):
 * one signed call per put, get or delete, each one Worker request and one R2 operation. The client
 * brings the signing, the retries of these (all idempotent) calls and the circuit breaker of service
 * {@code r2}. The product holds no S3 keys this way, so it makes no presigned links and sets no bucket CORS.
 */
public final class GatewayBlobStore implements BlobStore, AutoCloseable {
    /** The service name of these calls, for the client's circuit breaker and the call counters. */
    private static final String SERVICE = "r2";
    /** The gateway's (and R2's) code for "no object with this key". */
    private static final int NO_SUCH_KEY = 10007;
    private static final int TOO_LARGE = 413;

    private final CloudflareClient client;
    private final String objects;
    private final ExecutorService readers;

    /** Bodies in the bucket bound as {@code binding}, read in parallel on {@code readers} (shut down on close). */
    public GatewayBlobStore(CloudflareClient client, String binding, ExecutorService readers) {
        this.client = client;
        this.objects = "/r2/buckets/" + binding + "/objects/";
        this.readers = readers;
    }

    @Override
    public void put(BlobKey key, byte[] content) {
        call("write", key, () -> client.send(new CloudflareRequest(SERVICE, "PutObject", "PUT", path(key), Map.of(),
                content, S3BlobStore.CONTENT_TYPE, true)));
    }

    @Override
    public Optional<byte[]> get(BlobKey key) {
        return call("read", key, () -> client.sendRaw(CloudflareRequest.get(SERVICE, "GetObject", path(key), true),
                NO_SUCH_KEY)).map(CloudflareResponse::body);
    }

    /** Reads the bodies in parallel, one call each. */
    @Override
    public Map<BlobKey, byte[]> getAll(Collection<BlobKey> keys) {
        return ParallelReads.getAll(readers, keys, this::get);
    }

    @Override
    public void delete(BlobKey key) {
        call("delete", key, () -> client.send(new CloudflareRequest(SERVICE, "DeleteObject", "DELETE", path(key),
                Map.of(), null, null, true)));
    }

    private String path(BlobKey key) {
        // A blob key is [a-z0-9_] only: nothing in it needs encoding in a path.
        return objects + key.value();
    }

    private static <T> T call(String action, BlobKey key, Supplier<T> call) {
        try {
            return call.get();
        } catch (CloudflareException.ApiError e) {
            if (e.status() == TOO_LARGE) {
                throw new TooLarge("the body of " + key + " is over the gateway's limit: " + e.messages(), e);
            }
            throw new Unavailable("cannot " + action + " blob " + key + " through the gateway: " + e.messages(), e);
        } catch (CloudflareException.RateLimited e) {
            throw new RateLimited("the object store is rate limited; try again later", e.retryAfter());
        } catch (CloudflareException.Unavailable e) {
            throw new Unavailable("cannot " + action + " blob " + key + " through the gateway: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        readers.shutdown();
    }
}
