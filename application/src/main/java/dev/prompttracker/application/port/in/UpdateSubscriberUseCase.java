package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.subscriber.Subscriber;

public interface UpdateSubscriberUseCase {
    /** Admins only. */
    Subscriber updateSubscriber(UpdateSubscriberCommand command);
}
