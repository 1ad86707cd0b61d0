package dev.prompttracker.adapter.queue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prompttracker.application.contract.EmailJobQueueContract;
import dev.prompttracker.application.contract.Fixtures;
import dev.prompttracker.application.fake.MutableClock;
import dev.prompttracker.application.port.out.EmailJobQueue;
import dev.prompttracker.cloudflare.standin.CloudflareStandIn;
import dev.prompttracker.cloudflare.standin.Faults.Fault;
import dev.prompttracker.domain.error.Unavailable;
import dev.prompttracker.domain.mail.EmailJob;
import dev.prompttracker.domain.mail.EmailJobKind;
import dev.prompttracker.domain.user.Email;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cloudflare Queues over HTTP (the stand-in) passes the queue contract, with its own limits and quirks. */
class CloudflareEmailJobQueueTest implements EmailJobQueueContract {
    private static final String QUEUE = "0123456789abcdef0123456789abcdef";
    private static final String DLQ = "fedcba9876543210fedcba9876543210";
    @TempDir
    Path folder;
    private final MutableClock clock = new MutableClock(Fixtures.T0);
    private CloudflareStandIn standIn;
    private CloudflareEmailJobQueue queue;

    @Override
    public EmailJobQueue queue() {
        if (queue == null) {
            standIn = CloudflareStandIn.start("acc", "tok", clock, folder);
            standIn.queues().create(QUEUE, MAX_ATTEMPTS - 1, DLQ);
            standIn.queues().create(DLQ, 3, null);
            queue = new CloudflareEmailJobQueue(standIn.client(clock), QUEUE, Optional.of(DLQ));
        }
        return queue;
    }

    @Override
    public MutableClock clock() {
        return clock;
    }

    @AfterEach
    void stop() {
        if (standIn != null) {
            standIn.close();
        }
    }

    private EmailJob job(String to) {
        return EmailJob.create(EmailJobKind.MAGIC_LINK, Email.parse(to), Map.of("link", "https://x.example/?t=1"),
                clock.instant());
    }

    @Test
    void jsonBodiesAreReadWhetherBase64OrPlain() {
        queue();
        standIn.queues().deliverJsonAsPlainText(true);
        EmailJob plain = job("plain@example.com");
        queue.enqueue(plain);
        assertThat(queue.receive(1, VISIBILITY)).extracting(EmailJobQueue.Delivery::job).containsExactly(plain);
        standIn.queues().deliverJsonAsPlainText(false);
        EmailJob encoded = job("b64@example.com");
        queue.enqueue(encoded);
        assertThat(queue.receive(1, VISIBILITY)).extracting(EmailJobQueue.Delivery::job).containsExactly(encoded);

        var base64Message = new ObjectMapper().createObjectNode().put("body",
                Base64.getEncoder().encodeToString("{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
        base64Message.putObject("metadata").put("CF-Content-Type", "json");
        assertThat(CloudflareEmailJobQueue.decode(base64Message)).contains("{\"a\":1}");
    }

    @Test
    void batchesRespectTheCountLimit() {
        queue();
        List<EmailJob> jobs = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            jobs.add(job("batch" + i + "@example.com"));
        }
        queue.enqueueAll(jobs);
        assertThat(standIn.queues().backlog(QUEUE)).isEqualTo(250);
        assertThat(standIn.journal().stream().filter(r -> r.path().endsWith("/messages/batch")).count()).isEqualTo(3);
    }

    @Test
    void anOversizedJobIsRefusedBeforeSending() {
        queue();
        EmailJob huge = EmailJob.create(EmailJobKind.MAGIC_LINK, Email.parse("big@example.com"),
                Map.of("link", "x".repeat(130_000)), clock.instant());
        assertThatThrownBy(() -> queue.enqueue(huge)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnreadableBodyGoesToTheDeadLettersWithoutBlockingOthers() throws Exception {
        queue();
        var client = java.net.http.HttpClient.newHttpClient();
        client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(standIn.baseUrl()
                        + "/accounts/acc/queues/" + QUEUE + "/messages"))
                .header("Authorization", "Bearer tok").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"body\":\"not a job\",\"content_type\":\"text\"}"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        EmailJob good = job("good@example.com");
        queue.enqueue(good);
        assertThat(queue.receive(10, VISIBILITY)).extracting(EmailJobQueue.Delivery::job).containsExactly(good);
        assertThat(queue.deadLetters(10)).anySatisfy(dead -> assertThat(dead.reason()).contains("unreadable"));
        assertThat(standIn.queues().backlog(QUEUE)).isEqualTo(1);
    }

    @Test
    void aSendThatFailsIsRetriedBecauseDuplicatesAreHarmless() {
        queue();
        standIn.faults().next("POST", "/messages", Fault.serverError(503));
        queue.enqueue(job("retry@example.com"));
        assertThat(standIn.queues().backlog(QUEUE)).isEqualTo(1);
        standIn.faults().next("POST", "/messages/pull", Fault.serverError(503), 3);
        assertThatThrownBy(() -> queue.receive(1, VISIBILITY)).isInstanceOf(Unavailable.class);
    }
}
