package dev.prompttracker.adapter.d1;

import dev.prompttracker.adapter.d1.migration.MigrationSource;
import dev.prompttracker.adapter.d1.migration.Migrator;
import dev.prompttracker.adapter.d1.repository.SqlAccessLogRepository;
import dev.prompttracker.adapter.d1.repository.SqlCollectionRepository;
import dev.prompttracker.adapter.d1.repository.SqlEmailDeliveryRepository;
import dev.prompttracker.adapter.d1.repository.SqlMagicLinkRepository;
import dev.prompttracker.adapter.d1.repository.SqlProgressRepository;
import dev.prompttracker.adapter.d1.repository.SqlPromptRepository;
import dev.prompttracker.adapter.d1.repository.SqlRatingRepository;
import dev.prompttracker.adapter.d1.repository.SqlResponseRepository;
import dev.prompttracker.adapter.d1.repository.SqlSessionRepository;
import dev.prompttracker.adapter.d1.repository.SqlSubscriberRepository;
import dev.prompttracker.adapter.d1.repository.SqlUserRepository;
import dev.prompttracker.adapter.d1.sql.D1SqlExecutor;
import dev.prompttracker.adapter.d1.sql.SqlExecutor;
import dev.prompttracker.adapter.d1.sql.SqlStatement;
import dev.prompttracker.adapter.d1.sql.SqliteSqlExecutor;
import dev.prompttracker.application.port.out.AccessLogRepository;
import dev.prompttracker.application.port.out.CollectionRepository;
import dev.prompttracker.application.port.out.EmailDeliveryRepository;
import dev.prompttracker.application.port.out.MagicLinkRepository;
import dev.prompttracker.application.port.out.ProgressRepository;
import dev.prompttracker.application.port.out.PromptRepository;
import dev.prompttracker.application.port.out.RatingRepository;
import dev.prompttracker.application.port.out.ResponseRepository;
import dev.prompttracker.application.port.out.SessionRepository;
import dev.prompttracker.application.port.out.SubscriberRepository;
import dev.prompttracker.application.port.out.UserRepository;
import dev.prompttracker.cloudflare.CallListener;
import dev.prompttracker.cloudflare.CloudflareClient;
import dev.prompttracker.cloudflare.CloudflareSettings;
import dev.prompttracker.cloudflare.live.LiveAccount;
import dev.prompttracker.cloudflare.standin.CloudflareStandIn;
import dev.prompttracker.cloudflare.workerd.WorkerdGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The same repositories over each SQL executor, migrated by the product's migrator: the port
 * contracts run unchanged on local SQLite and on D1 over HTTP (against the stand-in).
 */
final class RepositoryFactory {
    private RepositoryFactory() {
    }

    abstract static class OnStore {
        @TempDir
        Path folder;
        private SqlExecutor sql;

        abstract SqlExecutor open(Path folder);

        void closeStore() {
        }

        SqlExecutor sql() {
            if (sql == null) {
                sql = open(folder);
                new Migrator(sql).apply(MigrationSource.fromClasspath());
            }
            return sql;
        }

        @AfterEach
        void close() {
            if (sql != null) {
                sql.close();
            }
            closeStore();
        }

        public UserRepository users() {
            return new SqlUserRepository(sql());
        }

        public SessionRepository sessions() {
            return new SqlSessionRepository(sql());
        }

        public PromptRepository prompts() {
            return new SqlPromptRepository(sql());
        }

        public ResponseRepository responses() {
            return new SqlResponseRepository(sql());
        }

        public RatingRepository ratings() {
            return new SqlRatingRepository(sql());
        }

        public SubscriberRepository subscribers() {
            return new SqlSubscriberRepository(sql());
        }

        public EmailDeliveryRepository deliveries() {
            return new SqlEmailDeliveryRepository(sql());
        }

        public ProgressRepository progress() {
            return new SqlProgressRepository(sql());
        }

        public AccessLogRepository accessLog() {
            return new SqlAccessLogRepository(sql());
        }

        public MagicLinkRepository links() {
            return new SqlMagicLinkRepository(sql());
        }

        public CollectionRepository collections() {
            return new SqlCollectionRepository(sql());
        }
    }

    abstract static class OnSqlite extends OnStore {
        @Override
        SqlExecutor open(Path folder) {
            return SqliteSqlExecutor.open(folder.resolve("test.sqlite"), 2);
        }
    }

    abstract static class OnD1 extends OnStore {
        static final String ACCOUNT = "test-account";
        static final String TOKEN = "test-token";
        static final String DATABASE = "00000000-0000-4000-8000-00000000d1d1";
        CloudflareStandIn standIn;

        @Override
        SqlExecutor open(Path folder) {
            standIn = CloudflareStandIn.start(ACCOUNT, TOKEN, Clock.systemUTC(), folder);
            standIn.d1().create(DATABASE);
            CloudflareClient client = new CloudflareClient(new CloudflareSettings(standIn.baseUrl(), ACCOUNT, TOKEN,
                    Duration.ofSeconds(10), 100_000, Duration.ofMinutes(5), 10_000, 3), Clock.systemUTC(),
                    dev.prompttracker.cloudflare.Sleeper.REAL, CallListener.NONE);
            return new D1SqlExecutor(client, DATABASE);
        }

        @Override
        void closeStore() {
            if (standIn != null) {
                standIn.close();
            }
        }
    }

    /**
     * D1 on workerd, Cloudflare's Workers runtime, through the repository's gateway Worker and its
     * binding (CLOUDFLARE_TRANSPORT=gateway): D1's own SQL, batch atomicity, type mapping and errors.
     * One local database per test JVM, migrated by the product's migrator; each test starts from
     * empty tables, as on a live database. Skipped where Node.js 22+ cannot be had.
     */
    abstract static class OnWorkerd extends OnStore {
        private static boolean emptied;

        @BeforeEach
        void connect() {
            sql();
        }

        @Override
        SqlExecutor open(Path folder) {
            WorkerdGateway gateway = WorkerdGateway.shared();
            synchronized (OnWorkerd.class) {
                if (!emptied) {
                    gateway.resetD1();
                    emptied = true;
                }
            }
            D1SqlExecutor d1 = new D1SqlExecutor(gateway.client(CallListener.NONE), WorkerdGateway.D1);
            new Migrator(d1).apply(MigrationSource.fromClasspath());
            OnLiveD1.emptyTables(d1);
            return d1;
        }
    }

    /**
     * A real D1 database ({@code LIVE_D1_DATABASE_ID}) for the live run. Each test starts from empty
     * tables, so the database must be a throwaway one.
     */
    abstract static class OnLiveD1 extends OnStore {
        static final String DATABASE_ID = "LIVE_D1_DATABASE_ID";

        /** Connects before the test body, so a skip is not mistaken for an expected failure inside it. */
        @BeforeEach
        void connect() {
            sql();
        }

        @Override
        SqlExecutor open(Path folder) {
            LiveAccount account = LiveAccount.fromEnvironment();
            D1SqlExecutor d1 = new D1SqlExecutor(account.client(), account.require(DATABASE_ID));
            emptyTables(d1);
            return d1;
        }

        /** Empties the product's tables (children first: newest tables first) in one atomic call. */
        static void emptyTables(SqlExecutor sql) {
            List<SqlStatement> deletes = sql.read(SqlStatement.of("SELECT name FROM sqlite_master m WHERE type = 'table'"
                            + " AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations'"
                            // A full-text index's own tables are emptied through the index.
                            + " AND NOT EXISTS (SELECT 1 FROM sqlite_master v WHERE v.type = 'table'"
                            + " AND v.sql LIKE 'CREATE VIRTUAL TABLE%' AND m.name LIKE v.name || '\\_%' ESCAPE '\\')"
                            + " ORDER BY rowid DESC")).rows().stream()
                    .map(row -> SqlStatement.of("DELETE FROM \"" + row.text("name").replace("\"", "\"\"") + "\""))
                    .toList();
            if (!deletes.isEmpty()) {
                sql.write(deletes);
            }
        }
    }
}
