package dev.prompttracker.adapter.d1;

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
import dev.prompttracker.adapter.d1.sql.SqliteSqlExecutor;
import dev.prompttracker.application.contract.AccessLogRepositoryContract;
import dev.prompttracker.application.contract.MagicLinkRepositoryContract;
import dev.prompttracker.application.contract.ProgressRepositoryContract;
import dev.prompttracker.application.contract.PromptRepositoryContract;
import dev.prompttracker.application.contract.SubscriberRepositoryContract;
import dev.prompttracker.application.contract.ResponseRepositoryContract;
import dev.prompttracker.application.contract.SessionRepositoryContract;
import dev.prompttracker.application.contract.UserRepositoryContract;
import dev.prompttracker.application.port.out.AccessLogRepository;
import dev.prompttracker.application.port.out.EmailDeliveryRepository;
import dev.prompttracker.application.port.out.MagicLinkRepository;
import dev.prompttracker.application.port.out.ProgressRepository;
import dev.prompttracker.application.port.out.PromptRepository;
import dev.prompttracker.application.port.out.SubscriberRepository;
import dev.prompttracker.application.port.out.ResponseRepository;
import dev.prompttracker.application.port.out.SessionRepository;
import dev.prompttracker.application.port.out.UserRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The repositories on a real SQLite file, migrated by the product's migrator, pass the port contracts. */
class SqliteContractTest {

    abstract static class OnSqlite {
        @TempDir
        Path folder;
        private SqlExecutor sql;

        SqlExecutor sql() {
            if (sql == null) {
                sql = SqliteSqlExecutor.open(folder.resolve("test.sqlite"), 2);
                new Migrator(sql).apply(MigrationSource.fromClasspath());
            }
            return sql;
        }

        @AfterEach
        void close() {
            if (sql != null) {
                sql.close();
            }
        }

        public UserRepository users() {
            return new SqliteUserRepository(sql());
        }

        public PromptRepository prompts() {
            return new SqlitePromptRepository(sql());
        }

        public ResponseRepository responses() {
            return new SqliteResponseRepository(sql());
        }
    }

    @Nested
    class Users extends OnSqlite implements UserRepositoryContract {
    }

    @Nested
    class Sessions extends OnSqlite implements SessionRepositoryContract {
        @Override
        public SessionRepository sessions() {
            return new SqliteSessionRepository(sql());
        }
    }

    @Nested
    class Prompts extends OnSqlite implements PromptRepositoryContract {
    }

    @Nested
    class Responses extends OnSqlite implements ResponseRepositoryContract {
    }

    @Nested
    class Subscribers extends OnSqlite implements SubscriberRepositoryContract {
        @Override
        public SubscriberRepository subscribers() {
            return new SqliteSubscriberRepository(sql());
        }

        @Override
        public EmailDeliveryRepository deliveries() {
            return new SqliteEmailDeliveryRepository(sql());
        }
    }

    @Nested
    class Progress extends OnSqlite implements ProgressRepositoryContract {
        @Override
        public ProgressRepository progress() {
            return new SqliteProgressRepository(sql());
        }
    }

    @Nested
    class AccessLog extends OnSqlite implements AccessLogRepositoryContract {
        @Override
        public AccessLogRepository accessLog() {
            return new SqliteAccessLogRepository(sql());
        }
    }

    @Nested
    class MagicLinks extends OnSqlite implements MagicLinkRepositoryContract {
        @Override
        public MagicLinkRepository links() {
            return new SqliteMagicLinkRepository(sql());
        }
    }
}
