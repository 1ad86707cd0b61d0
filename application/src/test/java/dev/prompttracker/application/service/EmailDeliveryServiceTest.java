package dev.prompttracker.application.service;

import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.application.port.in.ClientInfo;
import dev.prompttracker.application.port.in.RequestMagicLinkCommand;
import dev.prompttracker.application.port.in.SignUpSubscriberCommand;
import dev.prompttracker.domain.mail.EmailJob;
import dev.prompttracker.domain.mail.EmailJobKind;
import dev.prompttracker.domain.user.Email;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The worker retries failures with backoff, dead-letters poison, and never sends a job twice. */
class EmailDeliveryServiceTest {
    private static final ClientInfo CLIENT = new ClientInfo("JUnit", "127.0.0.1");
    private final CoreFixture core = new CoreFixture();

    @Test
    void aFailingSendIsRetriedWithBackoffThenSucceeds() {
        core.app.signUpSubscriber().signUp(new SignUpSubscriberCommand("r@example.com", "", "", "", "", "", "", Actor.ANONYMOUS, CLIENT));
        core.app.requestMagicLink().requestMagicLink(new RequestMagicLinkCommand("r@example.com", CLIENT));
        AtomicInteger failures = new AtomicInteger(1);
        core.mail.beforeSend(message -> {
            if (failures.getAndDecrement() > 0) {
                throw new IllegalStateException("provider down");
            }
        });
        assertThat(core.app.deliverEmails().deliverPending(10)).isEqualTo(1);
        assertThat(core.mail.sent()).isEmpty();
        assertThat(core.app.deliverEmails().deliverPending(10)).as("hidden during the backoff").isZero();
        core.clock.advance(Duration.ofSeconds(3));
        assertThat(core.app.deliverEmails().deliverPending(10)).isEqualTo(1);
        assertThat(core.mail.sent()).hasSize(1);
        assertThat(core.emailJobs.size()).isZero();
        assertThat(core.subscribers.findByEmail(Email.parse("r@example.com")).orElseThrow().emailsSent()).isEqualTo(1);
    }

    @Test
    void aPoisonJobEndsInTheDeadLettersWithoutItsLinkAndOthersStillGo() {
        core.mail.beforeSend(message -> {
            if (message.to().value().equals("p@example.com")) {
                throw new IllegalStateException("mailbox unavailable");
            }
        });
        core.emailJobs.enqueue(EmailJob.create(EmailJobKind.MAGIC_LINK, Email.parse("p@example.com"),
                Map.of("link", "https://app.example/auth/verify?token=" + "s".repeat(43)), core.clock.instant()));
        core.app.signUpSubscriber().signUp(new SignUpSubscriberCommand("ok@example.com", "", "", "", "", "", "", Actor.ANONYMOUS, CLIENT));
        core.app.requestMagicLink().requestMagicLink(new RequestMagicLinkCommand("ok@example.com", CLIENT));
        for (int round = 0; round < 6; round++) {
            core.app.deliverEmails().deliverPending(10);
            core.clock.advance(Duration.ofMinutes(5));
        }
        assertThat(core.mail.sent()).extracting(m -> m.to().value()).containsExactly("ok@example.com");
        assertThat(core.emailJobs.deadLetters(10)).singleElement().satisfies(dead -> {
            assertThat(dead.reason()).contains("mailbox unavailable");
            assertThat(dead.job()).hasValueSatisfying(job -> assertThat(job.parameters()).doesNotContainKey("link"));
        });
        assertThat(core.emailJobs.size()).isZero();
    }

    @Test
    void aRedeliveredJobThatWasSentIsOnlyAcknowledged() {
        EmailJob job = EmailJob.create(EmailJobKind.MAGIC_LINK, Email.parse("twice@example.com"),
                Map.of("link", "https://app.example/auth/verify?token=x"), core.clock.instant());
        core.emailJobs.enqueue(job);
        core.deliveries.recordSent(job.id(), job.to(), core.clock.instant());
        core.app.deliverEmails().deliverPending(10);
        assertThat(core.mail.sent()).isEmpty();
        assertThat(core.emailJobs.size()).isZero();
    }

    @Test
    void backoffDoublesAndIsCapped() {
        assertThat(EmailDeliveryService.backoff(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(EmailDeliveryService.backoff(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(EmailDeliveryService.backoff(5)).isEqualTo(Duration.ofSeconds(32));
        assertThat(EmailDeliveryService.backoff(30)).isEqualTo(Duration.ofMinutes(5));
    }
}
