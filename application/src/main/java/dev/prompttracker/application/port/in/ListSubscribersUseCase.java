package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.page.Page;
import dev.prompttracker.domain.subscriber.Subscriber;

public interface ListSubscribersUseCase {
    /** Admins only; newest signup first. */
    Page<Subscriber> listSubscribers(ListSubscribersQuery query);
}
