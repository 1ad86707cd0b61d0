package dev.prompttracker.application.contract;

import dev.prompttracker.application.fake.MutableClock;
import dev.prompttracker.application.port.out.EmailJobQueue;
import dev.prompttracker.domain.mail.EmailJob;
import dev.prompttracker.domain.mail.EmailJobKind;
import dev.prompttracker.domain.user.Email;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Queue semantics every implementation keeps. The queue under test runs on {@link #clock()} and
 * dead-letters a job on the receive after its {@link #MAX_ATTEMPTS}th delivery.
 */
public interface EmailJobQueueContract {
    int MAX_ATTEMPTS = 3;
    Duration VISIBILITY = Duration.ofSeconds(30);

    EmailJobQueue queue();

    MutableClock clock();

    /** Lets time pass for the store: the clock of an in-process store, real time for a live one. */
    default void elapse(Duration duration) {
        clock().advance(duration);
    }

    private EmailJob job() {
        return EmailJob.create(EmailJobKind.MAGIC_LINK, Email.parse(Fixtures.uniqueEmail()),
                Map.of("link", "https://app.example/auth/verify?token=abc", "firstName", "Zoë"), clock().instant());
    }

    @Test
    default void aJobIsDeliveredWithItsContentAndGoneOnceAcknowledged() {
        EmailJob job = job();
        queue().enqueue(job);
        List<EmailJobQueue.Delivery> received = queue().receive(10, VISIBILITY);
        assertThat(received).hasSize(1);
        assertThat(received.getFirst().job()).isEqualTo(job);
        assertThat(received.getFirst().attempt()).isEqualTo(1);
        queue().ack(received.getFirst());
        elapse(VISIBILITY.multipliedBy(2));
        assertThat(queue().receive(10, VISIBILITY)).isEmpty();
    }

    @Test
    default void aReceivedJobIsHiddenUntilItsVisibilityTimeoutThenDeliveredAgain() {
        EmailJob job = job();
        queue().enqueue(job);
        assertThat(queue().receive(10, VISIBILITY)).hasSize(1);
        assertThat(queue().receive(10, VISIBILITY)).isEmpty();
        elapse(VISIBILITY.plusSeconds(1));
        List<EmailJobQueue.Delivery> again = queue().receive(10, VISIBILITY);
        assertThat(again).extracting(d -> d.job().id()).containsExactly(job.id());
        assertThat(again.getFirst().attempt()).isEqualTo(2);
    }

    @Test
    default void aRetriedJobComesBackAfterItsDelay() {
        queue().enqueue(job());
        EmailJobQueue.Delivery first = queue().receive(1, VISIBILITY).getFirst();
        queue().retry(first, Duration.ofSeconds(5));
        assertThat(queue().receive(1, VISIBILITY)).isEmpty();
        elapse(Duration.ofSeconds(6));
        assertThat(queue().receive(1, VISIBILITY)).extracting(EmailJobQueue.Delivery::attempt).containsExactly(2);
    }

    @Test
    default void receivesAtMostTheBatchSizeOldestFirst() {
        EmailJob first = job();
        queue().enqueue(first);
        elapse(Duration.ofMillis(10));
        for (int i = 0; i < 4; i++) {
            queue().enqueue(job());
        }
        List<EmailJobQueue.Delivery> batch = queue().receive(2, VISIBILITY);
        assertThat(batch).hasSize(2);
        assertThat(batch.getFirst().job().id()).isEqualTo(first.id());
        assertThat(queue().receive(10, VISIBILITY)).hasSize(3);
    }

    @Test
    default void aJobThatKeepsFailingEndsInTheDeadLetters() {
        EmailJob poison = job();
        queue().enqueue(poison);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            assertThat(queue().receive(1, VISIBILITY)).hasSize(1);
            elapse(VISIBILITY.plusSeconds(1));
        }
        assertThat(queue().receive(1, VISIBILITY)).isEmpty();
        assertThat(queue().deadLetters(10)).filteredOn(dead -> dead.messageId().equals(poison.id())).singleElement()
                .satisfies(dead -> assertKeptWithoutItsLink(dead, poison));
    }

    @Test
    default void aDeadLetterKeepsTheJobButNotItsLinkToken() {
        EmailJob job = job();
        queue().enqueue(job);
        queue().deadLetter(queue().receive(1, VISIBILITY).getFirst(), "mail provider refused it");
        assertThat(queue().deadLetters(10)).filteredOn(dead -> dead.messageId().equals(job.id())).singleElement()
                .satisfies(dead -> assertKeptWithoutItsLink(dead, job));
    }

    private static void assertKeptWithoutItsLink(EmailJobQueue.DeadLetter dead, EmailJob job) {
        assertThat(dead.job()).hasValueSatisfying(kept -> {
            assertThat(kept.id()).isEqualTo(job.id());
            assertThat(kept.kind()).isEqualTo(job.kind());
            assertThat(kept.to()).isEqualTo(job.to());
            assertThat(kept.parameters()).containsEntry("firstName", "Zoë").doesNotContainKey("link");
            assertThat(kept.parameters().values()).noneMatch(value -> value.contains("token="));
        });
    }

    @Test
    default void aJobCanBeDeadLetteredWithAReason() {
        EmailJob job = job();
        queue().enqueue(job);
        queue().deadLetter(queue().receive(1, VISIBILITY).getFirst(), "template missing");
        elapse(VISIBILITY.plusSeconds(1));
        assertThat(queue().receive(1, VISIBILITY)).isEmpty();
        assertThat(queue().deadLetters(10)).anySatisfy(dead -> {
            assertThat(dead.messageId()).isEqualTo(job.id());
            assertThat(dead.reason()).contains("template missing");
        });
    }

    @Test
    default void otherJobsKeepFlowingPastAFailingOne() {
        EmailJob stuck = job();
        queue().enqueue(stuck);
        queue().receive(1, VISIBILITY);
        EmailJob next = job();
        queue().enqueue(next);
        assertThat(queue().receive(10, VISIBILITY)).extracting(d -> d.job().id()).containsExactly(next.id());
    }
}
