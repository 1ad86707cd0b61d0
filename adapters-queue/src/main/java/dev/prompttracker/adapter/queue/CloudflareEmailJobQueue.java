package dev.prompttracker.adapter.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prompttracker.application.port.out.EmailJobQueue;
import dev.prompttracker.cloudflare.CloudflareClient;
import dev.prompttracker.cloudflare.CloudflareException;
import dev.prompttracker.cloudflare.CloudflareRequest;
import dev.prompttracker.domain.error.Unavailable;
import dev.prompttracker.domain.mail.EmailJob;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Cloudflare Queues over HTTP: a producer ({@code /messages}, {@code /messages/batch}) and a pull
 * consumer ({@code /messages/pull} with a visibility timeout, {@code /messages/ack} with acks and
 * delayed retries). Delivery is at least once; duplicates are harmless because each job carries its
 * idempotency key. Sends may be retried for the same reason. Bodies are decoded by their
 * {@code CF-Content-Type}, accepting both base64 and plain JSON for {@code json}. Dead letters go to
 * the configured dead-letter queue (the consumer's {@code max_retries} sends exhausted ones there too).
 */
public final class CloudflareEmailJobQueue implements EmailJobQueue {
    private static final System.Logger LOG = System.getLogger(CloudflareEmailJobQueue.class.getName());
    static final int MAX_MESSAGE_BYTES = 128_000;
    static final int MAX_BATCH_BYTES = 256_000;
    static final int MAX_BATCH_COUNT = 100;
    /** Cloudflare counts about 100 bytes of its own metadata against each message's limit. */
    private static final int METADATA_OVERHEAD = 100;

    private final CloudflareClient client;
    private final String queuePath;
    private final Optional<String> deadLetterPath;

    public CloudflareEmailJobQueue(CloudflareClient client, String queueId, Optional<String> deadLetterQueueId) {
        this.client = client;
        this.queuePath = "/queues/" + queueId + "/messages";
        this.deadLetterPath = deadLetterQueueId.map(id -> "/queues/" + id + "/messages");
    }

    @Override
    public void enqueue(EmailJob job) {
        ObjectNode message = CloudflareClient.json().createObjectNode().put("content_type", "json");
        message.set("body", body(job));
        call(CloudflareRequest.json("queues", "send", "POST", queuePath, bytes(message), true));
    }

    /** Sends many jobs in as few calls as the limits allow (100 messages and 256 KB per batch). */
    public void enqueueAll(List<EmailJob> jobs) {
        ArrayNode batch = CloudflareClient.json().createArrayNode();
        int batchBytes = 0;
        for (EmailJob job : jobs) {
            JsonNode body = body(job);
            int size = body.toString().getBytes(StandardCharsets.UTF_8).length + METADATA_OVERHEAD;
            if (batch.size() == MAX_BATCH_COUNT || batchBytes + size > MAX_BATCH_BYTES) {
                sendBatch(batch);
                batch = CloudflareClient.json().createArrayNode();
                batchBytes = 0;
            }
            batch.addObject().put("content_type", "json").set("body", body);
            batchBytes += size;
        }
        if (!batch.isEmpty()) {
            sendBatch(batch);
        }
    }

    @Override
    public List<Delivery> receive(int max, Duration visibilityTimeout) {
        ObjectNode pull = CloudflareClient.json().createObjectNode()
                .put("batch_size", Math.max(1, Math.min(max, MAX_BATCH_COUNT)))
                .put("visibility_timeout_ms", visibilityTimeout.toMillis());
        JsonNode result = call(CloudflareRequest.json("queues", "pull", "POST", queuePath + "/pull", bytes(pull), true));
        List<Delivery> deliveries = new ArrayList<>();
        for (JsonNode message : result.path("messages")) {
            String lease = message.path("lease_id").asText();
            Optional<EmailJob> job = decode(message).flatMap(EmailJobCodec::decode);
            if (job.isEmpty()) {
                poison(message, lease);
                continue;
            }
            deliveries.add(new Delivery(lease, job.get(), Math.max(1, message.path("attempts").asInt(1))));
        }
        return deliveries;
    }

    @Override
    public void ack(Delivery delivery) {
        ObjectNode body = CloudflareClient.json().createObjectNode();
        body.putArray("acks").addObject().put("lease_id", delivery.receiptId());
        call(CloudflareRequest.json("queues", "ack", "POST", queuePath + "/ack", bytes(body), true));
    }

    @Override
    public void retry(Delivery delivery, Duration delay) {
        ObjectNode body = CloudflareClient.json().createObjectNode();
        body.putArray("retries").addObject().put("lease_id", delivery.receiptId())
                .put("delay_seconds", Math.max(0, (delay.toMillis() + 999) / 1000));
        call(CloudflareRequest.json("queues", "retry", "POST", queuePath + "/ack", bytes(body), true));
    }

    @Override
    public void deadLetter(Delivery delivery, String reason) {
        ObjectNode body = (ObjectNode) body(delivery.job().withoutSecrets());
        body.put("deadLetterReason", reason).put("attempts", delivery.attempt());
        publishDead(body);
        ack(delivery);
    }

    @Override
    public List<DeadLetter> deadLetters(int max) {
        if (deadLetterPath.isEmpty()) {
            return List.of();
        }
        ObjectNode peek = CloudflareClient.json().createObjectNode().put("batch_size", Math.max(1, Math.min(max, 100)));
        JsonNode result = call(CloudflareRequest.json("queues", "peek", "POST", deadLetterPath.get() + "/peek",
                bytes(peek), true));
        List<DeadLetter> dead = new ArrayList<>();
        for (JsonNode message : result) {
            Optional<String> text = decode(message);
            JsonNode body = text.flatMap(CloudflareEmailJobQueue::parse).orElse(CloudflareClient.json().createObjectNode());
            dead.add(new DeadLetter(body.path("id").asText(message.path("id").asText()),
                    body.path("deadLetterReason").asText("delivery retries exhausted"),
                    body.path("attempts").asInt(message.path("attempts").asInt(0)),
                    Instant.ofEpochMilli(message.path("timestamp_ms").asLong(0)),
                    text.flatMap(EmailJobCodec::decode).map(EmailJob::withoutSecrets)));
        }
        return dead;
    }

    /** A body no job can be read from: keep it in the dead letters with the reason, and stop its redelivery. */
    private void poison(JsonNode message, String lease) {
        ObjectNode body = CloudflareClient.json().createObjectNode()
                .put("id", message.path("id").asText())
                .put("deadLetterReason", "unreadable message body")
                // Not the body itself: it might hold a secret; its size helps an investigation.
                .put("rawLength", message.path("body").asText().length());
        publishDead(body);
        ObjectNode ack = CloudflareClient.json().createObjectNode();
        ack.putArray("acks").addObject().put("lease_id", lease);
        call(CloudflareRequest.json("queues", "ack", "POST", queuePath + "/ack", bytes(ack), true));
    }

    /** Keeps a job given up on (already without secrets, with its reason) in the dead-letter queue. */
    void publishDead(ObjectNode body) {
        if (deadLetterPath.isEmpty()) {
            LOG.log(System.Logger.Level.ERROR, "email job {0} dropped (no dead-letter queue configured): {1}",
                    body.path("id").asText(), body.path("deadLetterReason").asText());
            return;
        }
        ObjectNode message = CloudflareClient.json().createObjectNode().put("content_type", "json");
        message.set("body", body);
        call(CloudflareRequest.json("queues", "send", "POST", deadLetterPath.get(), bytes(message), true));
    }

    private void sendBatch(ArrayNode messages) {
        ObjectNode batch = CloudflareClient.json().createObjectNode();
        batch.set("messages", messages);
        call(CloudflareRequest.json("queues", "send-batch", "POST", queuePath + "/batch", bytes(batch), true));
    }

    /** The message body as text, by its content type: {@code json} may arrive base64-encoded or plain. */
    static Optional<String> decode(JsonNode message) {
        String type = message.path("metadata").path("CF-Content-Type").asText("json");
        String raw = message.path("body").asText("");
        if (type.equals("text")) {
            return Optional.of(raw);
        }
        if (parse(raw).isPresent()) {
            return Optional.of(raw);
        }
        try {
            return Optional.of(new String(Base64.getDecoder().decode(raw.strip()), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private static Optional<JsonNode> parse(String text) {
        try {
            JsonNode node = CloudflareClient.json().readTree(text);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    static JsonNode body(EmailJob job) {
        String encoded = EmailJobCodec.encode(job);
        if (encoded.getBytes(StandardCharsets.UTF_8).length + METADATA_OVERHEAD > MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("an email job is at most 128 KB on Cloudflare Queues");
        }
        return parse(encoded).orElseThrow();
    }

    private static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private JsonNode call(CloudflareRequest request) {
        try {
            JsonNode result = client.send(request).result();
            return result == null ? CloudflareClient.json().createObjectNode() : result;
        } catch (CloudflareException e) {
            throw new Unavailable("the email queue (Cloudflare Queues) failed: " + e.getMessage(), e);
        }
    }
}
