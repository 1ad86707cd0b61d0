package dev.prompttracker.bootstrap;

import com.linecorp.armeria.common.logging.RequestLog;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.healthcheck.SettableHealthChecker;
import dev.prompttracker.adapter.d1.migration.MigrationSource;
import dev.prompttracker.adapter.d1.migration.Migrator;
import dev.prompttracker.adapter.d1.repository.SqliteAccessLogRepository;
import dev.prompttracker.adapter.d1.repository.SqliteEmailDeliveryRepository;
import dev.prompttracker.adapter.d1.repository.SqliteMagicLinkRepository;
import dev.prompttracker.adapter.d1.repository.SqliteProgressRepository;
import dev.prompttracker.adapter.d1.repository.SqlitePromptRepository;
import dev.prompttracker.adapter.d1.repository.SqliteSubscriberRepository;
import dev.prompttracker.adapter.d1.repository.SqliteResponseRepository;
import dev.prompttracker.adapter.d1.repository.SqliteSessionRepository;
import dev.prompttracker.adapter.d1.repository.SqliteUserRepository;
import dev.prompttracker.adapter.d1.sql.SqlExecutor;
import dev.prompttracker.adapter.d1.sql.SqlStatement;
import dev.prompttracker.adapter.d1.sql.SqliteSqlExecutor;
import dev.prompttracker.adapter.http.HttpEdge;
import dev.prompttracker.adapter.kv.CachingSubscriberRepository;
import dev.prompttracker.adapter.kv.LocalCache;
import dev.prompttracker.adapter.kv.TokenBucketRateLimiter;
import dev.prompttracker.adapter.mail.OutboxMailSender;
import dev.prompttracker.adapter.queue.LocalEmailJobQueue;
import dev.prompttracker.adapter.http.security.Argon2PasswordHasher;
import dev.prompttracker.adapter.http.security.NimbusTokenIssuer;
import dev.prompttracker.adapter.r2.FileBlobStore;
import dev.prompttracker.application.AuthSettings;
import dev.prompttracker.application.OutboundPorts;
import dev.prompttracker.application.service.ApplicationServices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The product wired from its configuration: real adapters, migrations applied, the revocation list
 * loaded, then the server started. {@code Main} and the end-to-end tests both start it through
 * {@link #start}, so there is one wiring.
 */
public final class PromptTracker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PromptTracker.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("dev.prompttracker.access");
    private static final int SQLITE_READERS = 4;
    private static final int LOCAL_CACHE_ENTRIES = 50_000;
    private static final int RATE_LIMIT_BUCKETS = 100_000;

    private final Server server;
    private final SqlExecutor sql;
    private final LocalEmailJobQueue queue;
    private final EmailWorker emailWorker;
    private final ScheduledExecutorService housekeeping;
    private final SettableHealthChecker health;

    private PromptTracker(Server server, SqlExecutor sql, LocalEmailJobQueue queue, EmailWorker emailWorker,
                          ScheduledExecutorService housekeeping, SettableHealthChecker health) {
        this.server = server;
        this.sql = sql;
        this.queue = queue;
        this.emailWorker = emailWorker;
        this.housekeeping = housekeeping;
        this.health = health;
    }

    public static PromptTracker start(AppConfig config, Clock clock) {
        byte[] jwtSecret = JwtSecret.resolve(config);
        SqlExecutor sql = SqliteSqlExecutor.open(config.databaseFile(), SQLITE_READERS);
        LocalEmailJobQueue queue = null;
        try {
            List<String> applied = new Migrator(sql).apply(MigrationSource.fromClasspath());
            if (!applied.isEmpty()) {
                LOG.info("applied migrations {}", applied);
            }
            AuthSettings auth = AuthSettings.defaults(config.adminEmails());
            queue = LocalEmailJobQueue.open(config.queueFile(), clock, config.emailMaxAttempts());
            CachingSubscriberRepository subscribers = new CachingSubscriberRepository(
                    new SqliteSubscriberRepository(sql), new LocalCache(clock, LOCAL_CACHE_ENTRIES),
                    config.subscriberCacheTtl());
            OutboundPorts ports = new OutboundPorts(
                    new SqliteUserRepository(sql),
                    new SqliteSessionRepository(sql),
                    new SqlitePromptRepository(sql),
                    new SqliteResponseRepository(sql),
                    new FileBlobStore(config.blobFolder()),
                    new Argon2PasswordHasher(),
                    new NimbusTokenIssuer(jwtSecret, config.jwtIssuer(), config.jwtAudience(),
                            auth.accessTokenTtl(), clock),
                    subscribers,
                    new SqliteProgressRepository(sql),
                    new SqliteAccessLogRepository(sql),
                    new SqliteMagicLinkRepository(sql),
                    queue,
                    new OutboxMailSender(config.outbox(), config.mailFrom(), clock),
                    subscribers.deliveries(new SqliteEmailDeliveryRepository(sql)),
                    new TokenBucketRateLimiter(clock, RATE_LIMIT_BUCKETS));
            ApplicationServices app = ApplicationServices.create(ports, auth, config.contentSettings(),
                    config.rateLimits(), clock);
            app.syncRevokedSessions().syncRevokedSessions();

            SettableHealthChecker health = new SettableHealthChecker(true);
            ServerBuilder sb = HttpEdge.configure(com.linecorp.armeria.server.Server.builder(), app,
                    config.edgeSettings(), health);
            sb.http(new InetSocketAddress(config.bindAddress(), config.port()))
                    .gracefulShutdownTimeout(Duration.ofSeconds(1), Duration.ofSeconds(10))
                    .accessLogWriter(PromptTracker::logAccess, true);
            Server server = sb.build();
            server.start().join();

            ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("housekeeping").daemon(true).factory());
            long syncSeconds = config.revocationSyncInterval().toSeconds();
            housekeeping.scheduleWithFixedDelay(() -> quietly("revocation sync",
                    () -> app.syncRevokedSessions().syncRevokedSessions()), syncSeconds, syncSeconds, TimeUnit.SECONDS);
            housekeeping.scheduleWithFixedDelay(() -> health.setHealthy(probe(sql)), 10, 10, TimeUnit.SECONDS);
            housekeeping.scheduleWithFixedDelay(() -> quietly("magic link purge",
                    () -> app.purgeExpiredMagicLinks().purgeExpiredMagicLinks()), 1, 60, TimeUnit.MINUTES);
            EmailWorker emailWorker = new EmailWorker(app.deliverEmails(), Duration.ofMillis(250), Duration.ofSeconds(2));
            emailWorker.start();
            return new PromptTracker(server, sql, queue, emailWorker, housekeeping, health);
        } catch (RuntimeException e) {
            if (queue != null) {
                queue.close();
            }
            sql.close();
            throw e;
        }
    }

    public int port() {
        return server.activeLocalPort();
    }

    @Override
    public void close() {
        health.setHealthy(false);
        housekeeping.shutdownNow();
        server.stop().join();
        emailWorker.close();
        queue.close();
        sql.close();
    }

    private static boolean probe(SqlExecutor sql) {
        try {
            sql.read(SqlStatement.of("SELECT 1"));
            return true;
        } catch (RuntimeException e) {
            LOG.warn("database health probe failed: {}", e.toString());
            return false;
        }
    }

    private static void quietly(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("{} failed: {}", what, e.toString());
        }
    }

    private static void logAccess(RequestLog log) {
        // Runs inside the request's context, so the log pattern adds its id like on every other line.
        ACCESS.info("{} {} {} {} {}ms", clientIp(log),
                log.requestHeaders().method(), log.requestHeaders().path().split("\\?", 2)[0],
                log.responseHeaders().status().code(), TimeUnit.NANOSECONDS.toMillis(log.totalDurationNanos()));
    }

    private static String clientIp(RequestLog log) {
        return log.context() instanceof com.linecorp.armeria.server.ServiceRequestContext ctx
                ? ctx.clientAddress().getHostAddress() : "-";
    }
}
