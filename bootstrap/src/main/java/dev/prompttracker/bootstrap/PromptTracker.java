package dev.prompttracker.bootstrap;

import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.healthcheck.SettableHealthChecker;
import com.linecorp.armeria.server.metric.MetricCollectingService;
import com.linecorp.armeria.server.prometheus.PrometheusExpositionService;
import com.linecorp.armeria.common.metric.MeterIdPrefixFunction;
import dev.prompttracker.adapter.diff.JavaDiffUtilsSequenceDiffer;
import dev.prompttracker.adapter.d1.migration.MigrationSource;
import dev.prompttracker.adapter.d1.migration.Migrator;
import dev.prompttracker.application.port.in.IndexSearchBodiesUseCase;
import dev.prompttracker.adapter.d1.repository.SqlAccessLogRepository;
import dev.prompttracker.adapter.d1.repository.SqlEmailDeliveryRepository;
import dev.prompttracker.adapter.d1.repository.SqlMagicLinkRepository;
import dev.prompttracker.adapter.d1.repository.SqlProgressRepository;
import dev.prompttracker.adapter.d1.repository.SqlCollectionRepository;
import dev.prompttracker.adapter.d1.repository.SqlPromptRepository;
import dev.prompttracker.adapter.d1.repository.SqlResponseRepository;
import dev.prompttracker.adapter.d1.repository.SqlSessionRepository;
import dev.prompttracker.adapter.d1.repository.SqlSubscriberRepository;
import dev.prompttracker.adapter.d1.repository.SqlUserRepository;
import dev.prompttracker.adapter.http.HttpEdge;
import dev.prompttracker.cloudflare.GatewayRequestVerifier;
import dev.prompttracker.adapter.http.grpc.ServiceCodecs;
import dev.prompttracker.adapter.security.Argon2PasswordHasher;
import dev.prompttracker.adapter.security.NimbusTokenIssuer;
import dev.prompttracker.application.AuthSettings;
import dev.prompttracker.application.OutboundPorts;
import dev.prompttracker.application.ApplicationServices;
import dev.prompttracker.application.service.CoreWiring;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The product wired from its configuration: the embedded database's {@link DatabaseLock} taken (held
 * until {@link #close}), the chosen stores, migrations applied, the revocation
 * list loaded, the server and the email worker started. {@code Main} and the end-to-end tests both
 * start it through {@link #start}, so there is one wiring.
 */
public final class PromptTracker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PromptTracker.class.getName());

    private final Server server;
    private final Optional<DatabaseLock> databaseLock;
    private final Stores stores;
    private final EmailWorker emailWorker;
    private final ScheduledExecutorService housekeeping;
    private final SettableHealthChecker health;
    private final PrometheusMeterRegistry metrics;

    private PromptTracker(Server server, Optional<DatabaseLock> databaseLock, Stores stores, EmailWorker emailWorker,
                          ScheduledExecutorService housekeeping, SettableHealthChecker health,
                          PrometheusMeterRegistry metrics) {
        this.server = server;
        this.databaseLock = databaseLock;
        this.stores = stores;
        this.emailWorker = emailWorker;
        this.housekeeping = housekeeping;
        this.health = health;
        this.metrics = metrics;
    }

    public static PromptTracker start(AppConfig config, Clock clock) {
        byte[] jwtSecret = JwtSecret.resolve(config);
        Optional<DatabaseLock> databaseLock;
        try {
            databaseLock = DatabaseLock.acquireFor(config, "a running prompt-tracker server", clock.instant());
        } catch (DatabaseLock.InUse e) {
            throw new ConfigurationError(e.getMessage()
                    + "; one prompt-tracker writes it at a time: stop that one, or give this one its own DATA_DIR");
        }
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Stores stores;
        try {
            stores = Stores.open(config, clock, new CallMetrics(metrics));
        } catch (RuntimeException e) {
            databaseLock.ifPresent(DatabaseLock::close);
            throw e;
        }
        try {
            List<String> applied = new Migrator(stores.sql).apply(MigrationSource.fromClasspath());
            if (!applied.isEmpty()) {
                LOG.log(System.Logger.Level.INFO, () -> "applied migrations " + applied);
            }
            AuthSettings auth = AuthSettings.defaults(config.adminEmails(),
                    JwtSecret.derived(jwtSecret, "prompt-tracker opaque token tag v1"));
            OutboundPorts ports = new OutboundPorts(
                    new SqlUserRepository(stores.sql),
                    new SqlSessionRepository(stores.sql),
                    new SqlPromptRepository(stores.sql),
                    new SqlResponseRepository(stores.sql),
                    stores.blobs,
                    new Argon2PasswordHasher(),
                    new NimbusTokenIssuer(jwtSecret, config.jwtIssuer(), config.jwtAudience(), auth.accessTokenTtl(),
                            clock),
                    new SqlSubscriberRepository(stores.sql),
                    new SqlProgressRepository(stores.sql),
                    new SqlAccessLogRepository(stores.sql),
                    new SqlMagicLinkRepository(stores.sql),
                    stores.queue,
                    stores.mailer,
                    new SqlEmailDeliveryRepository(stores.sql),
                    stores.rateLimiter,
                    new JavaDiffUtilsSequenceDiffer(),
                    new dev.prompttracker.adapter.d1.repository.SqlRatingRepository(stores.sql),
                    new SqlCollectionRepository(stores.sql));
            ApplicationServices app = CoreWiring.create(ports, auth, config.contentSettings(),
                    config.rateLimits(), config.promptCache(), config.subscriberCache(), clock);
            app.syncRevokedSessions().syncRevokedSessions();

            SettableHealthChecker health = new SettableHealthChecker(true);
            ServerBuilder sb = HttpEdge.configure(Server.builder(), app, config.edgeSettings(), health);
            sb.http(new InetSocketAddress(config.bindAddress(), config.port()))
                    .meterRegistry(metrics)
                    .gracefulShutdownTimeout(Duration.ofSeconds(1), Duration.ofSeconds(10))
                    .accessLogWriter(AccessLog::write, true)
                    .decorator(MetricCollectingService.newDecorator(MeterIdPrefixFunction.ofDefault("http.server")));
            if (config.metricsEnabled()) {
                sb.service("/metrics", PrometheusExpositionService.of(metrics.getPrometheusRegistry()));
            }
            stores.pushedQueue.ifPresent(pushed -> sb.service(PushedEmailJobsService.PATH, new PushedEmailJobsService(
                    pushed, new GatewayRequestVerifier(config.stores().cloudflare().orElseThrow().credential(), clock),
                    config.contentSettings().emailVisibilityTimeout())));
            Server server = sb.build();
            server.start().join();
            ServiceCodecs.buildInBackground();

            ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("housekeeping").daemon(true).factory());
            long syncSeconds = config.revocationSyncInterval().toSeconds();
            housekeeping.scheduleWithFixedDelay(() -> quietly("revocation sync",
                    () -> app.syncRevokedSessions().syncRevokedSessions()), syncSeconds, syncSeconds, TimeUnit.SECONDS);
            // Remote stores are probed rarely: each probe spends the account's API budget.
            long probeSeconds = config.stores().cloudflare().isPresent() ? 300 : 10;
            housekeeping.scheduleWithFixedDelay(() -> health.setHealthy(probe(stores)), probeSeconds, probeSeconds,
                    TimeUnit.SECONDS);
            housekeeping.scheduleWithFixedDelay(() -> quietly("magic link purge",
                    () -> app.purgeExpiredMagicLinks().purgeExpiredMagicLinks()), 1, 60, TimeUnit.MINUTES);
            // Bodies stored before the search index existed are indexed once, a bounded pass at a time: the
            // first pass before this returns (one read when the backlog is empty, so no store call is left to
            // surprise anyone later), the rest in the background.
            indexSearchBacklog(app.indexSearchBodies(), housekeeping);
            EmailWorker emailWorker = new EmailWorker(app.deliverEmails(), Duration.ofMillis(250), Duration.ofSeconds(5),
                    Duration.ofSeconds(2));
            stores.pushedQueue.ifPresent(pushed -> pushed.onArrival(emailWorker::wake));
            emailWorker.start();
            return new PromptTracker(server, databaseLock, stores, emailWorker, housekeeping, health, metrics);
        } catch (RuntimeException e) {
            stores.close();
            databaseLock.ifPresent(DatabaseLock::close);
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
        stores.close();
        databaseLock.ifPresent(DatabaseLock::close);
        metrics.close();
    }

    private static boolean probe(Stores stores) {
        try {
            stores.probes.values().iterator().next().run();
            return true;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, () -> "metadata store health probe failed: " + e);
            return false;
        }
    }

    /** One pass; the next follows at once while bodies remain, or in a minute after a failure. */
    private static void indexSearchBacklog(IndexSearchBodiesUseCase index, ScheduledExecutorService housekeeping) {
        try {
            int indexed = index.indexMissingBodies();
            if (indexed > 0) {
                LOG.log(System.Logger.Level.INFO, () -> "search index: indexed " + indexed + " stored bodies");
                housekeeping.execute(() -> indexSearchBacklog(index, housekeeping));
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, () -> "search index backlog failed, retrying in a minute: " + e);
            housekeeping.schedule(() -> indexSearchBacklog(index, housekeeping), 1, TimeUnit.MINUTES);
        }
    }

    private static void quietly(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, () -> what + " failed: " + e);
        }
    }
}
