package dev.prompttracker.adapter.d1;

import dev.prompttracker.application.contract.AccessLogRepositoryContract;
import dev.prompttracker.application.contract.MagicLinkRepositoryContract;
import dev.prompttracker.application.contract.ProgressRepositoryContract;
import dev.prompttracker.application.contract.PromptRepositoryContract;
import dev.prompttracker.application.contract.ResponseRepositoryContract;
import dev.prompttracker.application.contract.SessionRepositoryContract;
import dev.prompttracker.application.contract.SubscriberRepositoryContract;
import dev.prompttracker.application.contract.UserRepositoryContract;
import org.junit.jupiter.api.Nested;

/** The same repositories on D1 over its HTTP API (the stand-in, real SQLite behind it) pass the same contracts. */
class D1ContractTest {
    // @formatter:off
    @Nested class Users extends RepositoryFactory.OnD1 implements UserRepositoryContract { }
    @Nested class Sessions extends RepositoryFactory.OnD1 implements SessionRepositoryContract { }
    @Nested class Prompts extends RepositoryFactory.OnD1 implements PromptRepositoryContract { }
    @Nested class Responses extends RepositoryFactory.OnD1 implements ResponseRepositoryContract { }
    @Nested class Subscribers extends RepositoryFactory.OnD1 implements SubscriberRepositoryContract { }
    @Nested class Progress extends RepositoryFactory.OnD1 implements ProgressRepositoryContract { }
    @Nested class AccessLog extends RepositoryFactory.OnD1 implements AccessLogRepositoryContract { }
    @Nested class MagicLinks extends RepositoryFactory.OnD1 implements MagicLinkRepositoryContract { }
    // @formatter:on
}
