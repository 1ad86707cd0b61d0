package dev.prompttracker.adapter.kv;

import dev.prompttracker.application.contract.Fixtures;
import dev.prompttracker.application.contract.EmailDeliveryRepositoryContract;
import dev.prompttracker.application.contract.SubscriberRepositoryContract;
import dev.prompttracker.application.fake.InMemoryEmailDeliveryRepository;
import dev.prompttracker.application.fake.InMemorySubscriberRepository;
import dev.prompttracker.application.fake.MutableClock;
import dev.prompttracker.application.port.out.EmailDeliveryRepository;
import dev.prompttracker.application.port.out.SubscriberRepository;
import dev.prompttracker.domain.page.Page;
import dev.prompttracker.domain.page.PageRequest;
import dev.prompttracker.domain.subscriber.Subscriber;
import dev.prompttracker.domain.subscriber.SubscriberState;
import dev.prompttracker.domain.user.Email;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The cached repository keeps the port's contract and spares the store repeated lookups. */
class CachingSubscriberRepositoryTest implements SubscriberRepositoryContract, EmailDeliveryRepositoryContract {
    private final MutableClock clock = new MutableClock(Fixtures.T0);
    private final InMemorySubscriberRepository store = new InMemorySubscriberRepository();
    private final AtomicInteger lookups = new AtomicInteger();
    private final SubscriberRepository counted = new SubscriberRepository() {
        @Override
        public Subscriber createIfAbsent(Subscriber candidate) {
            return store.createIfAbsent(candidate);
        }

        @Override
        public Optional<Subscriber> findByEmail(Email email) {
            lookups.incrementAndGet();
            return store.findByEmail(email);
        }

        @Override
        public void update(Subscriber revised) {
            store.update(revised);
        }

        @Override
        public Page<Subscriber> list(PageRequest page) {
            return store.list(page);
        }
    };
    private final CachingSubscriberRepository cached = new CachingSubscriberRepository(counted,
            new LocalCache(clock, 1_000), Duration.ofMinutes(1));
    private final EmailDeliveryRepository deliveries = cached.deliveries(new InMemoryEmailDeliveryRepository(store));

    @Override
    public SubscriberRepository subscribers() {
        return cached;
    }

    @Override
    public EmailDeliveryRepository deliveries() {
        return deliveries;
    }

    @Test
    void repeatedLookupsHitTheCacheUntilAWriteOrTheTtl() {
        Subscriber s = cached.createIfAbsent(Fixtures.subscriber(Fixtures.uniqueEmail(), Fixtures.T0));
        cached.findByEmail(s.email());
        cached.findByEmail(s.email());
        cached.findByEmail(s.email());
        assertThat(lookups.get()).isEqualTo(1);

        cached.update(s.administer(false, false, Optional.empty(), SubscriberState.ACTIVE, Fixtures.T0.plusSeconds(1)));
        assertThat(cached.findByEmail(s.email()).orElseThrow().hasAccess()).isFalse();
        assertThat(lookups.get()).isEqualTo(2);

        deliveries.recordSent(UUID.randomUUID().toString(), s.email(), Fixtures.T0.plusSeconds(2));
        assertThat(cached.findByEmail(s.email()).orElseThrow().emailsSent()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(2));
        cached.findByEmail(s.email());
        assertThat(lookups.get()).isEqualTo(4);
    }
}
