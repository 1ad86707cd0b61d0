package dev.prompttracker.application.contract;

import dev.prompttracker.application.port.out.EmailDeliveryRepository;
import dev.prompttracker.application.port.out.SubscriberRepository;
import dev.prompttracker.domain.subscriber.Subscriber;
import dev.prompttracker.domain.subscriber.SubscriberState;
import dev.prompttracker.domain.user.Email;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The delivery log: a job is sent once, and counted once on the subscriber it went to. */
public interface EmailDeliveryRepositoryContract {

    EmailDeliveryRepository deliveries();

    /** The subscribers the counters are kept on, in the same store as {@link #deliveries()}. */
    SubscriberRepository subscribers();

    @Test
    default void sentEmailsAreCountedOncePerJobAndSurviveAdminUpdates() {
        Subscriber stored = subscribers().createIfAbsent(Fixtures.subscriber(Fixtures.uniqueEmail(), Fixtures.T0));
        String job = UUID.randomUUID().toString();
        assertThat(deliveries().wasSent(job)).isFalse();
        deliveries().recordSent(job, stored.email(), Fixtures.T0.plusSeconds(10));
        deliveries().recordSent(job, stored.email(), Fixtures.T0.plusSeconds(20));
        deliveries().recordSent(UUID.randomUUID().toString(), stored.email(), Fixtures.T0.plusSeconds(30));
        assertThat(deliveries().wasSent(job)).isTrue();
        Subscriber counted = subscribers().findByEmail(stored.email()).orElseThrow();
        assertThat(counted.emailsSent()).isEqualTo(2);
        assertThat(counted.lastEmailSent()).contains(Fixtures.T0.plusSeconds(30));

        subscribers().update(stored.administer(false, false, Optional.empty(), SubscriberState.ACTIVE,
                Fixtures.T0.plusSeconds(40)));
        assertThat(subscribers().findByEmail(stored.email()).orElseThrow().emailsSent()).isEqualTo(2);
    }

    @Test
    default void aJobToAnAddressWithoutSubscriberIsRecordedAndCountsOnNobody() {
        Subscriber bystander = subscribers().createIfAbsent(Fixtures.subscriber(Fixtures.uniqueEmail(), Fixtures.T0));
        String job = UUID.randomUUID().toString();
        deliveries().recordSent(job, Email.parse(Fixtures.uniqueEmail()), Fixtures.T0.plusSeconds(10));
        assertThat(deliveries().wasSent(job)).isTrue();
        assertThat(subscribers().findByEmail(bystander.email()).orElseThrow().emailsSent()).isZero();
    }
}
