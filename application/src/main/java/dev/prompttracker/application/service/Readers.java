package dev.prompttracker.application.service;

import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.error.Forbidden;
import dev.prompttracker.domain.subscriber.Subscriber;

/** Who may read the handbook: the proven owner of a subscribed address whose access is on. */
final class Readers {
    private final SubscriberReadModel subscribers;

    Readers(SubscriberReadModel subscribers) {
        this.subscribers = subscribers;
    }

    Subscriber require(Actor.SignedIn actor) {
        return subscribers.find(actor.provenEmail()).filter(Subscriber::canRead)
                .orElseThrow(() -> new Forbidden("the handbook is open to subscribers with access only"));
    }
}
