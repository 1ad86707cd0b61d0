package dev.prompttracker.adapter.queue;

import dev.prompttracker.application.contract.EmailJobQueueContract;
import dev.prompttracker.application.contract.Fixtures;
import dev.prompttracker.application.fake.MutableClock;
import dev.prompttracker.application.port.out.EmailJobQueue;
import dev.prompttracker.domain.mail.EmailJob;
import dev.prompttracker.domain.mail.EmailJobKind;
import dev.prompttracker.domain.user.Email;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LocalEmailJobQueueTest implements EmailJobQueueContract {
    @TempDir
    Path folder;
    private final MutableClock clock = new MutableClock(Fixtures.T0);
    private LocalEmailJobQueue queue;

    @Override
    public EmailJobQueue queue() {
        if (queue == null) {
            queue = LocalEmailJobQueue.open(folder.resolve("queue.sqlite"), clock, MAX_ATTEMPTS);
        }
        return queue;
    }

    @Override
    public MutableClock clock() {
        return clock;
    }

    @AfterEach
    void close() {
        if (queue != null) {
            queue.close();
        }
    }

    private EmailJob job(String to) {
        return EmailJob.create(EmailJobKind.MAGIC_LINK, Email.parse(to), Map.of("link", "https://x.example/?token=t"),
                clock.instant());
    }

    @Test
    void theQueueFileItsWalFilesAndTheFolderItCreatesAreOwnerOnly() throws Exception {
        Path file = folder.resolve("data").resolve("queue.sqlite");
        try (LocalEmailJobQueue created = LocalEmailJobQueue.open(file, clock, MAX_ATTEMPTS)) {
            created.enqueue(job("private@example.com"));
            for (Path made : List.of(file, file.resolveSibling("queue.sqlite-wal"), file.resolveSibling("queue.sqlite-shm"))) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(made))).as(made.toString())
                        .isEqualTo("rw-------");
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        }
    }

    @Test
    void noJobIsLostAcrossARestart() {
        EmailJob waiting = job("waiting@example.com");
        EmailJob inFlight = job("in-flight@example.com");
        queue().enqueue(waiting);
        queue().enqueue(inFlight);
        queue().receive(1, VISIBILITY);
        queue.close();

        queue = LocalEmailJobQueue.open(folder.resolve("queue.sqlite"), clock, MAX_ATTEMPTS);
        assertThat(queue.receive(10, VISIBILITY)).extracting(d -> d.job().id()).containsExactly(inFlight.id());
        clock.advance(VISIBILITY.plusSeconds(1));
        List<EmailJobQueue.Delivery> redelivered = queue.receive(10, VISIBILITY);
        assertThat(redelivered).extracting(d -> d.job().id()).containsExactlyInAnyOrder(waiting.id(), inFlight.id());
        assertThat(redelivered).filteredOn(d -> d.job().id().equals(waiting.id()))
                .extracting(EmailJobQueue.Delivery::attempt).containsExactly(2);
    }

    @Test
    void aJobWhoseWorkerDiedIsDeliveredAgainAfterTheVisibilityTimeout() {
        EmailJob job = job("crash@example.com");
        queue().enqueue(job);
        EmailJobQueue.Delivery first = queue().receive(1, Duration.ofSeconds(10)).getFirst();
        assertThat(first.attempt()).isEqualTo(1);
        // The worker dies here: no ack, no retry.
        clock.advance(Duration.ofSeconds(11));
        EmailJobQueue.Delivery second = queue().receive(1, Duration.ofSeconds(10)).getFirst();
        assertThat(second.job()).isEqualTo(job);
        assertThat(second.attempt()).isEqualTo(2);
        queue().retry(first, Duration.ZERO);
        assertThat(queue().receive(1, Duration.ofSeconds(10))).as("a stale receipt cannot release the job").isEmpty();
    }

    @Test
    void anUnreadableMessageGoesStraightToTheDeadLetters() throws Exception {
        queue().enqueue(job("fine@example.com"));
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("queue.sqlite"))) {
            db.createStatement().executeUpdate(
                    "INSERT INTO messages (id, body, visible_at, enqueued_at) VALUES ('garbage', '{not json', 0, 0)");
        }
        assertThat(queue().receive(10, VISIBILITY)).extracting(d -> d.job().to().value()).containsExactly("fine@example.com");
        assertThat(queue().deadLetters(10)).singleElement().satisfies(dead -> {
            assertThat(dead.messageId()).isEqualTo("garbage");
            assertThat(dead.reason()).contains("unreadable");
        });
    }

    @Test
    void jobsRoundTripThroughTheirJsonBody() {
        EmailJob job = EmailJob.create(EmailJobKind.MAGIC_LINK, Email.parse("zoe@example.com"),
                Map.of("link", "https://app.example/auth/verify?token=abc", "firstName", "Zoë \"Z\""), clock.instant());
        assertThat(EmailJobCodec.decode(EmailJobCodec.encode(job))).contains(job);
        assertThat(EmailJobCodec.decode("{}")).isEmpty();
        assertThat(EmailJobCodec.decode("[]")).isEmpty();
        assertThat(EmailJobCodec.decode("{\"v\":1,\"id\":\"x\"}")).isEmpty();
    }
}
