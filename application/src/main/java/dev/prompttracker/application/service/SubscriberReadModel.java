package dev.prompttracker.application.service;

import dev.prompttracker.application.CacheSettings;
import dev.prompttracker.application.port.out.SubscriberRepository;
import dev.prompttracker.domain.subscriber.Subscriber;
import dev.prompttracker.domain.user.Email;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the core knows of subscribers from memory ({@link ReadModel}): every handbook request checks its
 * reader's subscription, and the answer rarely changes. An address's entry, the subscriber or its
 * absence, is its own group; one write hook, {@link #write}, taken by every write to a subscriber (sign
 * up, administration, a sent email's counters), makes it stale at once.
 */
final class SubscriberReadModel {
    private record ByEmail(Email email) {
    }

    private final ReadModel memory;
    private final SubscriberRepository subscribers;

    SubscriberReadModel(SubscriberRepository subscribers, CacheSettings settings, Clock clock) {
        this.subscribers = subscribers;
        this.memory = new ReadModel(settings, clock);
    }

    Optional<Subscriber> find(Email email) {
        return memory.get(new ByEmail(email), email, () -> subscribers.findByEmail(email),
                SubscriberReadModel::sizeOf);
    }

    /** Runs a write to the subscriber of {@code email}; then, whatever its outcome, forgets what was known. */
    <T> T write(Email email, Supplier<T> write) {
        return memory.write(write, List.of(email), List.of(new ByEmail(email)));
    }

    void write(Email email, Runnable write) {
        write(email, () -> {
            write.run();
            return null;
        });
    }

    long bytes() {
        return memory.bytes();
    }

    /** Roughly what an entry holds: the record, its texts and values, or an empty answer. */
    private static long sizeOf(Optional<Subscriber> subscriber) {
        return subscriber.map(s -> 768L + 2L * s.email().value().length()).orElse(128L);
    }
}
