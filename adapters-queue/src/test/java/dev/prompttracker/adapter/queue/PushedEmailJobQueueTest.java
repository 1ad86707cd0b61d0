package dev.prompttracker.adapter.queue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prompttracker.application.contract.Fixtures;
import dev.prompttracker.application.fake.MutableClock;
import dev.prompttracker.application.port.out.EmailJobQueue;
import dev.prompttracker.cloudflare.standin.CloudflareStandIn;
import dev.prompttracker.domain.mail.EmailJob;
import dev.prompttracker.domain.mail.EmailJobKind;
import dev.prompttracker.domain.user.Email;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The push consumer's side in the product: a pushed job becomes a delivery for the email worker, and
 * the worker's ack, retry or dead letter becomes the answer the gateway gives the queue. Sends and dead
 * letters go to the queue (the stand-in here; the real Worker in GatewayModeIT).
 */
class PushedEmailJobQueueTest {
    private static final String QUEUE = "EMAIL_QUEUE";
    private static final String DLQ = "EMAIL_DEAD_LETTERS";
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path folder;
    private final MutableClock clock = new MutableClock(Fixtures.T0);
    private CloudflareStandIn standIn;
    private PushedEmailJobQueue queue;
    private CloudflareEmailJobQueue pullForChecks;

    @BeforeEach
    void start() {
        standIn = CloudflareStandIn.start("acc", "tok", clock, folder);
        standIn.queues().create(QUEUE, 3, DLQ);
        standIn.queues().create(DLQ, 3, null);
        queue = new PushedEmailJobQueue(new CloudflareEmailJobQueue(standIn.client(clock), QUEUE, Optional.of(DLQ)));
        pullForChecks = new CloudflareEmailJobQueue(standIn.client(clock), QUEUE, Optional.of(DLQ));
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    private EmailJob job() {
        return EmailJob.create(EmailJobKind.MAGIC_LINK, Email.parse(Fixtures.uniqueEmail()),
                Map.of("link", "https://app.example/auth/verify?token=abc", "firstName", "Zoë"), clock.instant());
    }

    private CompletableFuture<PushedEmailJobQueue.Outcome> push(EmailJob job, int attempts) throws Exception {
        return queue.accept("message-" + job.id(), attempts, JSON.readTree(EmailJobCodec.encode(job)));
    }

    @Test
    void aSentJobGoesToTheQueue() {
        EmailJob job = job();
        queue.enqueue(job);
        assertThat(pullForChecks.receive(10, Duration.ofSeconds(30))).extracting(d -> d.job().id())
                .containsExactly(job.id());
    }

    @Test
    void aPushedJobIsDeliveredAndItsAckAnswersTheGateway() throws Exception {
        AtomicInteger arrivals = new AtomicInteger();
        queue.onArrival(arrivals::incrementAndGet);
        EmailJob job = job();
        CompletableFuture<PushedEmailJobQueue.Outcome> outcome = push(job, 2);
        assertThat(arrivals).hasValue(1);
        List<EmailJobQueue.Delivery> received = queue.receive(10, Duration.ofSeconds(30));
        assertThat(received).singleElement().satisfies(delivery -> {
            assertThat(delivery.job()).isEqualTo(job);
            assertThat(delivery.attempt()).isEqualTo(2);
        });
        assertThat(outcome).isNotDone();
        queue.ack(received.getFirst());
        assertThat(outcome).isCompletedWithValue(PushedEmailJobQueue.Outcome.ACK);
        assertThat(queue.receive(10, Duration.ofSeconds(30))).isEmpty();
    }

    @Test
    void aRetryAnswersTheGatewayWithTheDelay() throws Exception {
        CompletableFuture<PushedEmailJobQueue.Outcome> outcome = push(job(), 1);
        queue.retry(queue.receive(1, Duration.ofSeconds(30)).getFirst(), Duration.ofSeconds(8));
        assertThat(outcome).isCompletedWithValue(PushedEmailJobQueue.Outcome.retry(Duration.ofSeconds(8)));
    }

    @Test
    void aDeadLetterKeepsTheJobWithoutItsLinkAndAcknowledgesTheMessage() throws Exception {
        EmailJob job = job();
        CompletableFuture<PushedEmailJobQueue.Outcome> outcome = push(job, 5);
        queue.deadLetter(queue.receive(1, Duration.ofSeconds(30)).getFirst(), "mail provider refused it");
        assertThat(outcome).isCompletedWithValue(PushedEmailJobQueue.Outcome.ACK);
        assertThat(pullForChecks.deadLetters(10)).singleElement().satisfies(dead -> {
            assertThat(dead.messageId()).isEqualTo(job.id());
            assertThat(dead.reason()).contains("mail provider refused it");
            assertThat(dead.job()).hasValueSatisfying(kept -> assertThat(kept.parameters()).doesNotContainKey("link"));
        });
    }

    @Test
    void anUnreadableBodyIsDeadLetteredAndAcknowledgedAtOnce() throws Exception {
        CompletableFuture<PushedEmailJobQueue.Outcome> outcome = queue.accept("m-bad", 1, JSON.readTree("{\"what\":1}"));
        assertThat(outcome).isCompletedWithValue(PushedEmailJobQueue.Outcome.ACK);
        assertThat(queue.receive(10, Duration.ofSeconds(30))).isEmpty();
        assertThat(pullForChecks.deadLetters(10)).singleElement()
                .satisfies(dead -> assertThat(dead.reason()).contains("unreadable"));
    }

    @Test
    void aJobTheGatewayStoppedWaitingForIsDroppedSinceTheQueueBringsItBack() throws Exception {
        CompletableFuture<PushedEmailJobQueue.Outcome> abandoned = push(job(), 1);
        queue.abandon(abandoned);
        assertThat(queue.receive(10, Duration.ofSeconds(30))).isEmpty();
        CompletableFuture<PushedEmailJobQueue.Outcome> taken = push(job(), 1);
        EmailJobQueue.Delivery delivery = queue.receive(1, Duration.ofSeconds(30)).getFirst();
        queue.abandon(taken);
        queue.ack(delivery);
        assertThat(taken).isNotDone();
    }
}
