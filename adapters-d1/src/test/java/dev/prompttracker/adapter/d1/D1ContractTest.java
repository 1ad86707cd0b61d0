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
import dev.prompttracker.adapter.d1.sql.SqlStatement;
import dev.prompttracker.application.contract.Fixtures;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The same repositories on D1 over its HTTP API (the stand-in, real SQLite behind it) pass the same contracts. */
class D1ContractTest {
    // @formatter:off
    @Nested class Users extends RepositoryFactory.OnD1 implements UserRepositoryContract { }
    @Nested class Sessions extends RepositoryFactory.OnD1 implements SessionRepositoryContract { }
    @Nested class Prompts extends RepositoryFactory.OnD1 implements PromptRepositoryContract { }
    @Nested class Responses extends RepositoryFactory.OnD1 implements ResponseRepositoryContract { }
    @Nested class Subscribers extends RepositoryFactory.OnD1 implements SubscriberRepositoryContract { }
    @Nested class Deliveries extends RepositoryFactory.OnD1 implements EmailDeliveryRepositoryContract { }
    @Nested class Progress extends RepositoryFactory.OnD1 implements ProgressRepositoryContract { }
    @Nested class AccessLog extends RepositoryFactory.OnD1 implements AccessLogRepositoryContract { }
    @Nested class MagicLinks extends RepositoryFactory.OnD1 implements MagicLinkRepositoryContract { }
    @Nested class Ratings extends RepositoryFactory.OnD1 implements RatingRepositoryContract { }
    @Nested class Collections extends RepositoryFactory.OnD1
            implements dev.prompttracker.application.contract.CollectionRepositoryContract { }
    // @formatter:on

    /** The live run's reset: every product table emptied in one call, the migration history kept. */
    @Nested
    class LiveReset extends RepositoryFactory.OnD1 {
        @Test
        void emptiesEveryTableAndKeepsTheMigrationHistory() {
            var user = Fixtures.user("reset");
            users().create(user);
            var prompt = Fixtures.prompt(user.id(), Fixtures.T0, "kept only until the reset", false);
            prompts().create(prompt, Fixtures.text(prompt));
            long migrations = sql().read(SqlStatement.of("SELECT COUNT(*) AS n FROM d1_migrations")).rows().getFirst()
                    .integer("n");

            RepositoryFactory.OnLiveD1.emptyTables(sql());

            assertThat(users().findById(user.id())).isEmpty();
            assertThat(prompts().findById(prompt.id())).isEmpty();
            assertThat(sql().read(SqlStatement.of("SELECT COUNT(*) AS n FROM d1_migrations")).rows().getFirst()
                    .integer("n")).isEqualTo(migrations).isPositive();
        }
    }
}
