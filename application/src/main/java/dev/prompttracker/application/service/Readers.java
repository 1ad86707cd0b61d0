package dev.prompttracker.application.service;

import dev.prompttracker.application.port.out.SubscriberRepository;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.error.Forbidden;
import dev.prompttracker.domain.subscriber.Subscriber;

/** Who may read the handbook: the proven owner of a subscribed address whose access is on. */
final class Readers {
    private final SubscriberRepository subscribers;

    Readers(SubscriberRepository subscribers) {
        this.subscribers = subscribers;
    }

    Subscriber require(Actor.SignedIn actor) {
        return subscribers.findByEmail(actor.provenEmail()).filter(Subscriber::canRead)
                .orElseThrow(() -> new Forbidden("the handbook is open to subscribers with access only"));
    }
}
