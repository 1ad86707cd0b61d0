package dev.prompttracker.adapter.d1;

import dev.prompttracker.application.contract.AccessLogRepositoryContract;
import dev.prompttracker.application.contract.EmailDeliveryRepositoryContract;
import dev.prompttracker.application.contract.MagicLinkRepositoryContract;
import dev.prompttracker.application.contract.ProgressRepositoryContract;
import dev.prompttracker.application.contract.PromptRepositoryContract;
import dev.prompttracker.application.contract.RatingRepositoryContract;
import dev.prompttracker.application.contract.ResponseRepositoryContract;
import dev.prompttracker.application.contract.SessionRepositoryContract;
import dev.prompttracker.application.contract.SubscriberRepositoryContract;
import dev.prompttracker.application.contract.UserRepositoryContract;
import org.junit.jupiter.api.Nested;

/** The repositories on a real SQLite file pass the port contracts. */
class SqliteContractTest {
    // @formatter:off
    @Nested class Users extends RepositoryFactory.OnSqlite implements UserRepositoryContract { }
    @Nested class Sessions extends RepositoryFactory.OnSqlite implements SessionRepositoryContract { }
    @Nested class Prompts extends RepositoryFactory.OnSqlite implements PromptRepositoryContract { }
    @Nested class Responses extends RepositoryFactory.OnSqlite implements ResponseRepositoryContract { }
    @Nested class Subscribers extends RepositoryFactory.OnSqlite implements SubscriberRepositoryContract { }
    @Nested class Deliveries extends RepositoryFactory.OnSqlite implements EmailDeliveryRepositoryContract { }
    @Nested class Progress extends RepositoryFactory.OnSqlite implements ProgressRepositoryContract { }
    @Nested class AccessLog extends RepositoryFactory.OnSqlite implements AccessLogRepositoryContract { }
    @Nested class MagicLinks extends RepositoryFactory.OnSqlite implements MagicLinkRepositoryContract { }
    @Nested class Ratings extends RepositoryFactory.OnSqlite implements RatingRepositoryContract { }
    @Nested class Collections extends RepositoryFactory.OnSqlite
            implements dev.prompttracker.application.contract.CollectionRepositoryContract { }
    // @formatter:on
}
