package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.subscriber.Subscriber;

public interface GetOwnSubscriptionUseCase {
    /** The caller's own subscriber record; "not found" when their email is not on the list. */
    Subscriber ownSubscription(GetOwnSubscriptionQuery query);
}
