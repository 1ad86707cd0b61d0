package dev.prompttracker.bootstrap;

import com.linecorp.armeria.common.RequestContext;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.prompttracker.adapter.http.Caller;
import com.linecorp.armeria.common.RequestContext;
import dev.prompttracker.adapter.d1.sql.D1SqlExecutor;
import dev.prompttracker.adapter.d1.sql.SqlExecutor;
import dev.prompttracker.adapter.d1.sql.SqlStatement;
import dev.prompttracker.adapter.d1.sql.SqliteSqlExecutor;
import dev.prompttracker.adapter.kv.WorkersKvRateLimiter;
import dev.prompttracker.adapter.kv.TokenBucketRateLimiter;
import dev.prompttracker.adapter.kv.WorkersKvCache;
import dev.prompttracker.adapter.mail.OutboxMailSender;
import dev.prompttracker.adapter.mail.SendGridMailSender;
import dev.prompttracker.adapter.queue.CloudflareEmailJobQueue;
import dev.prompttracker.adapter.queue.PushedEmailJobQueue;
import dev.prompttracker.adapter.queue.LocalEmailJobQueue;
import dev.prompttracker.adapter.r2.FileBlobStore;
import dev.prompttracker.adapter.r2.GatewayBlobStore;
import dev.prompttracker.adapter.r2.S3BlobStore;
import dev.prompttracker.application.port.out.BlobStore;
import dev.prompttracker.application.port.out.EmailJobQueue;
import dev.prompttracker.application.port.out.MailSender;
import dev.prompttracker.application.port.out.RateLimiter;
import dev.prompttracker.cloudflare.CallListener;
import dev.prompttracker.cloudflare.CloudflareClient;
import dev.prompttracker.cloudflare.CloudflareSettings;
import dev.prompttracker.cloudflare.ServiceBreakers;
import dev.prompttracker.cloudflare.Sleeper;
import dev.prompttracker.domain.content.BlobKey;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * The store behind each port, chosen by configuration: the embedded defaults or the Cloudflare (and
 * mail provider) adapters, each switch on its own. Also the one cheap probe per store that
 * {@code doctor} and the health check run.
 */
final class Stores implements AutoCloseable {
    private static final int RATE_LIMIT_BUCKETS = 100_000;

    final SqlExecutor sql;
    final BlobStore blobs;
    private final Optional<S3BlobStore> objectStore;
    final RateLimiter rateLimiter;
    final EmailJobQueue queue;
    /** The queue's push consumer, when the gateway Worker delivers email jobs to this process. */
    final Optional<PushedEmailJobQueue> pushedQueue;
    final MailSender mailer;
    /** Store name → a probe that throws when the store cannot be used. */
    final Map<String, Runnable> probes = new LinkedHashMap<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    private Stores(AppConfig config, Clock clock, CallMetrics metrics) {
        CloudConfig stores = config.stores();
        if (stores.metadata() == CloudConfig.Metadata.SQLITE || stores.blobs() == CloudConfig.Blobs.FILES
                || stores.queue() == CloudConfig.QueueStore.LOCAL || stores.mailer() == CloudConfig.Mailer.OUTBOX) {
            secureDataDir(config);
        }
        Optional<CloudflareClient> cloudflare = cloudflare(config, clock, metrics);
        sql = metadata(config, cloudflare);
        closeables.add(sql);
        probes.put("metadata (" + name(stores.metadata()) + ")", () -> sql.read(SqlStatement.of("SELECT 1")));

        if (stores.r2Gateway().isPresent()) {
            CloudConfig.R2Gateway r2 = stores.r2Gateway().get();
            // One client when D1, KV and Queues go through the same gateway: one connection pool.
            CloudflareClient client = cloudflare.filter(shared -> shared.settings().equals(r2.gateway()))
                    .orElseGet(() -> client(r2.gateway(), clock, metrics));
            // The client's circuit breaker covers R2 here, as it does D1, KV and Queues.
            GatewayBlobStore gateway = new GatewayBlobStore(client, r2.binding(),
                    RequestContext.makeContextPropagating(Executors.newVirtualThreadPerTaskExecutor()));
            blobs = gateway;
            objectStore = Optional.empty();
            closeables.add(gateway);
            probes.put("blobs (r2 through the gateway)", () -> gateway.get(BlobKey.newPromptKey(clock.instant())));
        } else if (stores.blobs() == CloudConfig.Blobs.R2) {
            CloudConfig.R2 r2 = stores.r2().orElseThrow();
            S3BlobStore s3 = new S3BlobStore(
                    S3BlobStore.client(r2.endpoint(), r2.accessKeyId(), r2.secretAccessKey(), Duration.ofSeconds(10),
                            operation -> {
                                if (metrics != null) {
                                    metrics.onObjectStoreCall(operation);
                                }
                            }),
                    S3BlobStore.presigner(r2.endpoint(), r2.accessKeyId(), r2.secretAccessKey()), r2.bucket(),
                    16L * 1024 * 1024, S3BlobStore.MIN_PART_BYTES,
                    // Parallel reads keep the request's context, so their calls count against its route.
                    RequestContext.makeContextPropagating(Executors.newVirtualThreadPerTaskExecutor()));
            blobs = new GuardedBlobStore(s3, new ServiceBreakers(clock));
            objectStore = Optional.of(s3);
            closeables.add(s3);
            probes.put("blobs (r2)", s3::checkReachable);
        } else {
            FileBlobStore files = new FileBlobStore(config.blobFolder());
            blobs = files;
            objectStore = Optional.empty();
            probes.put("blobs (files)", () -> files.get(BlobKey.newPromptKey(clock.instant())));
        }

        TokenBucketRateLimiter localLimits = new TokenBucketRateLimiter(clock, RATE_LIMIT_BUCKETS);
        if (stores.cache() == CloudConfig.CacheStore.KV) {
            WorkersKvCache kv = new WorkersKvCache(cloudflare.orElseThrow(), stores.kvNamespaceId().orElseThrow());
            rateLimiter = new WorkersKvRateLimiter(localLimits, kv, clock, WorkersKvRateLimiter.DEFAULT_SHARED_FROM);
            probes.put("quotas (kv)", () -> kv.get("doctor:probe"));
        } else {
            rateLimiter = localLimits;
        }

        if (stores.queue() == CloudConfig.QueueStore.CLOUDFLARE && viaGateway(stores)) {
            // The gateway Worker pushes the queue's messages to this process (no pull over the REST API).
            PushedEmailJobQueue push = new PushedEmailJobQueue(new CloudflareEmailJobQueue(cloudflare.orElseThrow(),
                    stores.queueId().orElseThrow(), stores.deadLetterQueueId()));
            queue = push;
            pushedQueue = Optional.of(push);
            probes.put("queue (cloudflare, pushed by the gateway)", () -> sql.read(SqlStatement.of("SELECT 1")));
        } else if (stores.queue() == CloudConfig.QueueStore.CLOUDFLARE) {
            CloudflareEmailJobQueue remote = new CloudflareEmailJobQueue(cloudflare.orElseThrow(),
                    stores.queueId().orElseThrow(), stores.deadLetterQueueId());
            queue = remote;
            pushedQueue = Optional.empty();
            probes.put("queue (cloudflare)", () -> remote.deadLetters(1));
        } else {
            pushedQueue = Optional.empty();
            LocalEmailJobQueue localQueue = LocalEmailJobQueue.open(config.queueFile(), clock, config.emailMaxAttempts());
            queue = localQueue;
            closeables.add(localQueue);
            probes.put("queue (local)", localQueue::size);
        }

        if (stores.mailer() == CloudConfig.Mailer.SENDGRID) {
            CloudConfig.SendGrid sendGrid = stores.sendGrid().orElseThrow();
            SendGridMailSender provider = new SendGridMailSender(sendGrid.baseUrl(), sendGrid.apiKey(), config.mailFrom(),
                    Duration.ofSeconds(10), 3);
            mailer = provider;
            probes.put("mail (sendgrid)", provider::checkKey);
        } else {
            OutboxMailSender outbox = new OutboxMailSender(config.outbox(), config.mailFrom(), clock);
            mailer = outbox;
            probes.put("mail (outbox)", () -> { });
        }
    }

    private static boolean viaGateway(CloudConfig stores) {
        return stores.cloudflare().map(settings -> !settings.spendsAccountBudget()).orElse(false);
    }

    static Stores open(AppConfig config, Clock clock, CallMetrics metrics) {
        return new Stores(config, clock, metrics);
    }

    /** The metadata store alone, for commands (such as {@code migrate}) that need nothing else. */
    static SqlExecutor openMetadata(AppConfig config, Clock clock) {
        if (config.stores().metadata() == CloudConfig.Metadata.SQLITE) {
            secureDataDir(config);
        }
        return metadata(config, cloudflare(config, clock, null));
    }

    /** The metadata store for looking only: an embedded file is opened read-only (it must exist). */
    static SqlExecutor openMetadataForReading(AppConfig config, Clock clock) {
        return config.stores().metadata() == CloudConfig.Metadata.D1
                ? openMetadata(config, clock)
                : SqliteSqlExecutor.openReadOnly(config.databaseFile());
    }

    /**
     * DATA_DIR is owner-only before the embedded stores open it, and what older versions left there
     * looser is tightened: the folders and the SQLite files. Bodies and emails were always written
     * 0600 ({@code Files.createTempFile}'s mode) and owner-only folders keep everyone else out, so
     * they are not walked. The JWT key file is checked, not tightened ({@link JwtSecret}).
     */
    private static void secureDataDir(AppConfig config) {
        try {
            OwnerOnlyFiles.folder(config.dataDir());
        } catch (IOException e) {
            throw new ConfigurationError("DATA_DIR " + config.dataDir() + " cannot be created: " + e);
        }
        List<Path> known = new ArrayList<>(List.of(config.blobFolder(), config.outbox()));
        for (Path database : List.of(config.databaseFile(), config.queueFile())) {
            known.add(database);
            for (String sqliteSidecar : List.of("-wal", "-shm", "-journal")) {
                known.add(database.resolveSibling(database.getFileName() + sqliteSidecar));
            }
        }
        known.forEach(OwnerOnlyFiles::tighten);
    }

    private static Optional<CloudflareClient> cloudflare(AppConfig config, Clock clock, CallMetrics metrics) {
        return config.stores().cloudflare().map(settings -> client(settings, clock, metrics));
    }

    private static CloudflareClient client(CloudflareSettings settings, Clock clock, CallMetrics metrics) {
        return new CloudflareClient(settings, clock, Sleeper.REAL, metrics == null ? CallListener.NONE : metrics,
                Stores::servesAnAnonymousRequest);
    }

    private static SqlExecutor metadata(AppConfig config, Optional<CloudflareClient> cloudflare) {
        CloudConfig stores = config.stores();
        return stores.metadata() == CloudConfig.Metadata.D1
                ? new D1SqlExecutor(cloudflare.orElseThrow(), stores.d1DatabaseId().orElseThrow())
                : SqliteSqlExecutor.open(config.databaseFile(), 4);
    }

    /** Whether the current call serves an API request without a signed-in caller (background work does not). */
    private static boolean servesAnAnonymousRequest() {
        return RequestContext.currentOrNull() instanceof ServiceRequestContext request && Caller.isAnonymous(request);
    }

    /** The S3 (R2) blob store when blobs go through R2's S3 endpoint: the bucket CORS command needs it. */
    Optional<S3BlobStore> objectStore() {
        return objectStore;
    }

    private static String name(Enum<?> choice) {
        return choice.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public void close() {
        for (AutoCloseable closeable : closeables.reversed()) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // Shutting down: nothing more to do with a failed close.
            }
        }
    }
}
