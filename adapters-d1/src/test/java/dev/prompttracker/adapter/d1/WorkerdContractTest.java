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

/**
 * The same repositories on D1 as Cloudflare's Workers runtime runs it (workerd, through the gateway
 * Worker of gateway/ and its D1 binding) pass the same contracts. Skipped where Node.js 22+ cannot be had.
 */
class WorkerdContractTest {
    // @formatter:off
    @Nested class Users extends RepositoryFactory.OnWorkerd implements UserRepositoryContract { }
    @Nested class Sessions extends RepositoryFactory.OnWorkerd implements SessionRepositoryContract { }
    @Nested class Prompts extends RepositoryFactory.OnWorkerd implements PromptRepositoryContract { }
    @Nested class Responses extends RepositoryFactory.OnWorkerd implements ResponseRepositoryContract { }
    @Nested class Subscribers extends RepositoryFactory.OnWorkerd implements SubscriberRepositoryContract { }
    @Nested class Deliveries extends RepositoryFactory.OnWorkerd implements EmailDeliveryRepositoryContract { }
    @Nested class Progress extends RepositoryFactory.OnWorkerd implements ProgressRepositoryContract { }
    @Nested class AccessLog extends RepositoryFactory.OnWorkerd implements AccessLogRepositoryContract { }
    @Nested class MagicLinks extends RepositoryFactory.OnWorkerd implements MagicLinkRepositoryContract { }
    @Nested class Ratings extends RepositoryFactory.OnWorkerd implements RatingRepositoryContract { }
    @Nested class Collections extends RepositoryFactory.OnWorkerd
            implements dev.prompttracker.application.contract.CollectionRepositoryContract { }
    // @formatter:on
}
