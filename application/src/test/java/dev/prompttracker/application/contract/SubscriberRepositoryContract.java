package dev.prompttracker.application.contract;

import dev.prompttracker.application.port.out.SubscriberRepository;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.error.NotFound;
import dev.prompttracker.domain.page.Page;
import dev.prompttracker.domain.page.PageRequest;
import dev.prompttracker.domain.page.PageSize;
import dev.prompttracker.domain.subscriber.DiscountCode;
import dev.prompttracker.domain.subscriber.Subscriber;
import dev.prompttracker.domain.subscriber.SubscriberState;
import dev.prompttracker.domain.user.Email;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The subscriber store (the email counters on it: {@link EmailDeliveryRepositoryContract}). */
public interface SubscriberRepositoryContract {

    SubscriberRepository subscribers();

    @Test
    default void createsOnceAndReturnsTheStoredSubscriberAfterwards() {
        Subscriber first = Fixtures.subscriber(Fixtures.uniqueEmail(), Fixtures.T0);
        assertThat(subscribers().createIfAbsent(first)).isEqualTo(first);
        Subscriber again = Subscriber.signUp(first.email(), Optional.empty(), Optional.empty(), Optional.empty(),
                first.source(), Fixtures.T0.plusSeconds(60));
        assertThat(subscribers().createIfAbsent(again)).isEqualTo(first);
        assertThat(subscribers().findByEmail(first.email())).contains(first);
        assertThat(subscribers().findByEmail(Email.parse(Fixtures.uniqueEmail()))).isEmpty();
    }

    @Test
    default void anAdminUpdateNeedsTheCurrentVersion() {
        Subscriber stored = subscribers().createIfAbsent(Fixtures.subscriber(Fixtures.uniqueEmail(), Fixtures.T0));
        Subscriber revised = stored.administer(false, true, DiscountCode.parseOptional("SPRING-25"),
                SubscriberState.UNSUBSCRIBED, Fixtures.T0.plusSeconds(5));
        subscribers().update(revised);
        assertThat(subscribers().findByEmail(stored.email())).contains(revised);
        Subscriber stale = stored.administer(true, false, Optional.empty(), SubscriberState.ACTIVE,
                Fixtures.T0.plusSeconds(6));
        assertThatThrownBy(() -> subscribers().update(stale)).isInstanceOf(Conflict.class);
        assertThat(subscribers().findByEmail(stored.email())).contains(revised);
    }

    @Test
    default void updatingAnAddressThatIsNotSubscribedIsNotFound() {
        Subscriber never = Fixtures.subscriber(Fixtures.uniqueEmail(), Fixtures.T0);
        Subscriber revised = never.administer(false, false, Optional.empty(), SubscriberState.ACTIVE,
                Fixtures.T0.plusSeconds(1));
        assertThatThrownBy(() -> subscribers().update(revised)).isInstanceOf(NotFound.class);
        assertThat(subscribers().findByEmail(never.email())).isEmpty();
    }

    @Test
    default void listsNewestSignupFirstPageByPage() {
        List<Email> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Subscriber s = Fixtures.subscriber(Fixtures.uniqueEmail(), Fixtures.T0.plus(java.time.Duration.ofDays(3000 + i)));
            subscribers().createIfAbsent(s);
            created.add(s.email());
        }
        Page<Subscriber> first = subscribers().list(new PageRequest(PageSize.of(3), Optional.empty()));
        assertThat(first.items()).extracting(Subscriber::email).containsExactly(created.get(4), created.get(3), created.get(2));
        Page<Subscriber> second = subscribers().list(new PageRequest(PageSize.of(3), first.next()));
        assertThat(second.items()).extracting(Subscriber::email).startsWith(created.get(1), created.get(0));
    }
}
