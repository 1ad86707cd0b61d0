package dev.prompttracker.adapter.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prompttracker.application.port.out.EmailJobQueue;
import dev.prompttracker.cloudflare.CloudflareClient;
import dev.prompttracker.domain.mail.EmailJob;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cloudflare Queues with a push consumer: jobs are sent through the gateway Worker's binding, and the
 * Worker pushes each message back to the product ({@link #accept}), which hands it to the email worker
 * as a delivery. The worker's ack, retry or dead letter becomes the answer the Worker gives the queue
 * (ack, or retry after a delay). A pull over the REST API is not needed, so the gateway transport spends
 * no account budget on email. Delivery stays at least once: a message whose answer is lost comes back,
 * and the email worker skips jobs already sent.
 */
public final class PushedEmailJobQueue implements EmailJobQueue {
    private static final System.Logger LOG = System.getLogger(PushedEmailJobQueue.class.getName());

    /** What the Worker does with a pushed message. */
    public record Outcome(boolean done, Duration retryAfter) {
        public static final Outcome ACK = new Outcome(true, Duration.ZERO);

        public static Outcome retry(Duration delay) {
            return new Outcome(false, delay);
        }
    }

    private final CloudflareEmailJobQueue sender;
    private final LinkedBlockingQueue<Delivery> pushed = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Outcome>> pending = new ConcurrentHashMap<>();
    private final AtomicLong receipts = new AtomicLong();
    private volatile Runnable onArrival = () -> { };

    public PushedEmailJobQueue(CloudflareEmailJobQueue sender) {
        this.sender = sender;
    }

    /** Called when a pushed job waits, so the email worker can take it without waiting for its next poll. */
    public void onArrival(Runnable listener) {
        this.onArrival = listener;
    }

    /**
     * A message the Worker pushed: {@code attempts} counts its deliveries (from 1). The future completes
     * when the email worker is done with it; an unreadable body is dead-lettered and acknowledged at once.
     */
    public CompletableFuture<Outcome> accept(String messageId, int attempts, JsonNode body) {
        Optional<EmailJob> job = body != null && body.isObject() ? EmailJobCodec.decode(body.toString()) : Optional.empty();
        if (job.isEmpty()) {
            ObjectNode dead = CloudflareClient.json().createObjectNode().put("id", messageId)
                    .put("deadLetterReason", "unreadable message body")
                    .put("rawLength", body == null ? 0 : body.toString().length());
            sender.publishDead(dead);
            return CompletableFuture.completedFuture(Outcome.ACK);
        }
        String receipt = messageId + "#" + receipts.incrementAndGet();
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        pending.put(receipt, outcome);
        pushed.add(new Delivery(receipt, job.get(), Math.max(1, attempts)));
        onArrival.run();
        return outcome;
    }

    /** The Worker stopped waiting for {@code outcome}: its message comes back from the queue, so drop this copy if untaken. */
    public void abandon(CompletableFuture<Outcome> outcome) {
        pending.entrySet().removeIf(entry -> {
            if (entry.getValue() == outcome) {
                pushed.removeIf(delivery -> delivery.receiptId().equals(entry.getKey()));
                return true;
            }
            return false;
        });
    }

    @Override
    public void enqueue(EmailJob job) {
        sender.enqueue(job);
    }

    /** The pushed jobs waiting: the visibility timeout is the queue's, held by the Worker's open request. */
    @Override
    public List<Delivery> receive(int max, Duration visibilityTimeout) {
        List<Delivery> batch = new ArrayList<>();
        pushed.drainTo(batch, Math.max(1, max));
        return batch;
    }

    @Override
    public void ack(Delivery delivery) {
        complete(delivery, Outcome.ACK);
    }

    @Override
    public void retry(Delivery delivery, Duration delay) {
        complete(delivery, Outcome.retry(delay));
    }

    @Override
    public void deadLetter(Delivery delivery, String reason) {
        ObjectNode body = (ObjectNode) CloudflareEmailJobQueue.body(delivery.job().withoutSecrets());
        body.put("deadLetterReason", reason).put("attempts", delivery.attempt());
        sender.publishDead(body);
        complete(delivery, Outcome.ACK);
    }

    /** Reading the dead-letter queue needs a pull (REST API) consumer: through the gateway there is none. */
    @Override
    public List<DeadLetter> deadLetters(int max) {
        return List.of();
    }

    private void complete(Delivery delivery, Outcome outcome) {
        CompletableFuture<Outcome> waiting = pending.remove(delivery.receiptId());
        if (waiting == null) {
            LOG.log(System.Logger.Level.DEBUG, "email job {0}: the gateway stopped waiting; the queue delivers it again",
                    delivery.job().id());
            return;
        }
        waiting.complete(outcome);
    }
}
