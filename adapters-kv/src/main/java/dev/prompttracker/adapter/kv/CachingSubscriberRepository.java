package dev.prompttracker.adapter.kv;

import dev.prompttracker.application.port.out.Cache;
import dev.prompttracker.application.port.out.EmailDeliveryRepository;
import dev.prompttracker.application.port.out.SubscriberRepository;
import dev.prompttracker.domain.page.Page;
import dev.prompttracker.domain.page.PageRequest;
import dev.prompttracker.domain.subscriber.Subscriber;
import dev.prompttracker.domain.user.Email;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Subscriber lookups by email through a {@link Cache}: every signed-in content request checks the
 * reader's subscription, and the answer rarely changes. Writes through this repository, and sent
 * emails recorded through {@link #deliveries}, invalidate the entry; the TTL bounds staleness from
 * writers elsewhere.
 */
public final class CachingSubscriberRepository implements SubscriberRepository {
    private final SubscriberRepository store;
    private final Cache cache;
    private final Duration ttl;

    public CachingSubscriberRepository(SubscriberRepository store, Cache cache, Duration ttl) {
        this.store = store;
        this.cache = cache;
        this.ttl = ttl;
    }

    static String key(Email email) {
        return "subscriber:" + email.value();
    }

    @Override
    public Subscriber createIfAbsent(Subscriber candidate) {
        Subscriber stored = store.createIfAbsent(candidate);
        cache.invalidate(key(candidate.email()));
        return stored;
    }

    @Override
    public Optional<Subscriber> findByEmail(Email email) {
        Optional<Subscriber> cached = cache.get(key(email)).flatMap(SubscriberJson::read);
        if (cached.isPresent()) {
            return cached;
        }
        Optional<Subscriber> stored = store.findByEmail(email);
        stored.ifPresent(subscriber -> cache.put(key(email), SubscriberJson.write(subscriber), ttl));
        return stored;
    }

    @Override
    public void update(Subscriber revised) {
        try {
            store.update(revised);
        } finally {
            cache.invalidate(key(revised.email()));
        }
    }

    @Override
    public Page<Subscriber> list(PageRequest page) {
        return store.list(page);
    }

    /** The delivery log, invalidating the subscriber whose counters it moves. */
    public EmailDeliveryRepository deliveries(EmailDeliveryRepository deliveries) {
        return new EmailDeliveryRepository() {
            @Override
            public boolean wasSent(String jobId) {
                return deliveries.wasSent(jobId);
            }

            @Override
            public void recordSent(String jobId, Email to, Instant at) {
                try {
                    deliveries.recordSent(jobId, to, at);
                } finally {
                    cache.invalidate(key(to));
                }
            }
        };
    }
}
