package dev.prompttracker.application.fake;

import dev.prompttracker.application.port.out.SubscriberRepository;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.error.NotFound;
import dev.prompttracker.domain.page.Page;
import dev.prompttracker.domain.page.PageCursor;
import dev.prompttracker.domain.page.PageRequest;
import dev.prompttracker.domain.subscriber.Subscriber;
import dev.prompttracker.domain.user.Email;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class InMemorySubscriberRepository implements SubscriberRepository {
    private static final Comparator<Subscriber> NEWEST_FIRST = Comparator.comparing(Subscriber::createdAt)
            .thenComparing(s -> s.id().value()).reversed();
    private final Map<Email, Subscriber> subscribers = new LinkedHashMap<>();

    @Override
    public synchronized Subscriber createIfAbsent(Subscriber candidate) {
        return subscribers.computeIfAbsent(candidate.email(), email -> candidate);
    }

    @Override
    public synchronized Optional<Subscriber> findByEmail(Email email) {
        return Optional.ofNullable(subscribers.get(email));
    }

    @Override
    public synchronized void update(Subscriber revised) {
        Subscriber stored = subscribers.get(revised.email());
        if (stored == null) {
            throw new NotFound("this email is not subscribed");
        }
        if (stored.version() != revised.version() - 1) {
            throw new Conflict("the subscriber was changed at the same time; reload and try again");
        }
        // Counters belong to the mailer, not to the editor: keep the stored ones.
        subscribers.put(revised.email(), new Subscriber(revised.id(), revised.email(), revised.firstName(),
                revised.lastName(), revised.hasAccess(), revised.hasPurchased(), revised.discountCode(), revised.state(),
                revised.source(), stored.emailsSent(), stored.lastEmailSent(), revised.createdAt(), revised.updatedAt(),
                revised.version()));
    }

    @Override
    public synchronized Page<Subscriber> list(PageRequest page) {
        int size = page.size().value();
        List<Subscriber> found = subscribers.values().stream()
                .filter(s -> page.after().map(cursor -> isAfter(s, cursor)).orElse(true))
                .sorted(NEWEST_FIRST).limit(size + 1L).toList();
        List<Subscriber> items = found.stream().limit(size).toList();
        Optional<PageCursor> next = found.size() > size
                ? Optional.of(new PageCursor(items.getLast().createdAt(), items.getLast().id().value()))
                : Optional.empty();
        return new Page<>(items, next);
    }

    /** What the delivery fake calls when it records a sent email. */
    synchronized void countEmailSent(Email email, Instant at) {
        subscribers.computeIfPresent(email, (key, subscriber) -> subscriber.countEmailSent(at));
    }

    private static boolean isAfter(Subscriber subscriber, PageCursor cursor) {
        int byTime = subscriber.createdAt().compareTo(cursor.at());
        return byTime < 0 || (byTime == 0 && subscriber.id().value().compareTo(cursor.id()) < 0);
    }
}
