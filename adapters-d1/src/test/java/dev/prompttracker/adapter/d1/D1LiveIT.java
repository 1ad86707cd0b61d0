package dev.prompttracker.adapter.d1;

import dev.prompttracker.application.contract.AccessLogRepositoryContract;
import dev.prompttracker.application.contract.EmailDeliveryRepositoryContract;
import dev.prompttracker.application.contract.MagicLinkRepositoryContract;
import dev.prompttracker.application.contract.ProgressRepositoryContract;
import dev.prompttracker.application.contract.PromptRepositoryContract;
import dev.prompttracker.application.contract.ResponseRepositoryContract;
import dev.prompttracker.application.contract.SessionRepositoryContract;
import dev.prompttracker.application.contract.SubscriberRepositoryContract;
import dev.prompttracker.application.contract.UserRepositoryContract;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;

/** The repository contracts on a real D1 database ({@code -Plive}; skipped unless the LIVE_ variables are set). */
@Tag("live")
class D1LiveIT {
    // @formatter:off
    @Nested class Users extends RepositoryFactory.OnLiveD1 implements UserRepositoryContract { }
    @Nested class Sessions extends RepositoryFactory.OnLiveD1 implements SessionRepositoryContract { }
    @Nested class Prompts extends RepositoryFactory.OnLiveD1 implements PromptRepositoryContract { }
    @Nested class Responses extends RepositoryFactory.OnLiveD1 implements ResponseRepositoryContract { }
    @Nested class Subscribers extends RepositoryFactory.OnLiveD1 implements SubscriberRepositoryContract { }
    @Nested class Deliveries extends RepositoryFactory.OnLiveD1 implements EmailDeliveryRepositoryContract { }
    @Nested class Progress extends RepositoryFactory.OnLiveD1 implements ProgressRepositoryContract { }
    @Nested class AccessLog extends RepositoryFactory.OnLiveD1 implements AccessLogRepositoryContract { }
    @Nested class MagicLinks extends RepositoryFactory.OnLiveD1 implements MagicLinkRepositoryContract { }
    @Nested class Collections extends RepositoryFactory.OnLiveD1
            implements dev.prompttracker.application.contract.CollectionRepositoryContract { }
    // @formatter:on
}
