package dev.prompttracker.application.port.out;

import dev.prompttracker.domain.page.Page;
import dev.prompttracker.domain.page.PageRequest;
import dev.prompttracker.domain.subscriber.Subscriber;
import dev.prompttracker.domain.user.Email;

import java.util.Optional;

/** The email list. One subscriber per normalised email. */
public interface SubscriberRepository {

    /** Stores {@code candidate} unless its email is already subscribed; returns the stored subscriber either way. */
    Subscriber createIfAbsent(Subscriber candidate);

    Optional<Subscriber> findByEmail(Email email);

    /** Stores {@code revised} if the stored version is still one less; {@code Conflict} or {@code NotFound} otherwise. */
    void update(Subscriber revised);

    /** Newest signup first. */
    Page<Subscriber> list(PageRequest page);
}
