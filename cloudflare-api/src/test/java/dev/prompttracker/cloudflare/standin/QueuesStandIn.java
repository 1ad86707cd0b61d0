package dev.prompttracker.cloudflare.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cloudflare Queues over HTTP: send and batch (size and count limits with their codes), pull with
 * leases that expire into redelivery, ack and retry with delay, late acks accepted, and delivery to
 * a dead-letter queue after {@code max_retries} failed deliveries. JSON bodies are delivered
 * base64-encoded, as documented, unless {@link #deliverJsonAsPlainText} asks for the plain form
 * seen in production.
 */
public final class QueuesStandIn {
    private static final Pattern PATH = Pattern.compile("^/queues/([^/]+)/messages(?:/(batch|pull|ack|peek))?$");
    private static final int MAX_MESSAGE_BYTES = 128_000;
    private static final int MAX_BATCH_BYTES = 256_000;

    private static final class Message {
        final String id = UUID.randomUUID().toString().replace("-", "");
        final String body;
        final String contentType;
        final long timestampMs;
        long visibleAtMs;
        int attempts;
        final Set<String> leases = new HashSet<>();

        Message(String body, String contentType, long timestampMs, long visibleAtMs) {
            this.body = body;
            this.contentType = contentType;
            this.timestampMs = timestampMs;
            this.visibleAtMs = visibleAtMs;
        }
    }

    private record Queue(List<Message> messages, int maxRetries, String deadLetterQueue) {
    }

    private final Clock clock;
    private final Map<String, Queue> queues = new HashMap<>();
    private boolean plainJson;

    QueuesStandIn(Clock clock) {
        this.clock = clock;
    }

    /** A queue whose consumer gives up after {@code maxRetries} retries, moving messages to {@code deadLetterQueue} (or dropping them when null). */
    public synchronized void create(String queueId, int maxRetries, String deadLetterQueue) {
        queues.putIfAbsent(queueId, new Queue(new ArrayList<>(), maxRetries, deadLetterQueue));
    }

    public synchronized void deliverJsonAsPlainText(boolean plain) {
        this.plainJson = plain;
    }

    public synchronized int backlog(String queueId) {
        Queue queue = queues.get(queueId);
        return queue == null ? 0 : queue.messages().size();
    }

    synchronized CloudflareStandIn.Reply handle(String method, String path, byte[] body) {
        Matcher matcher = PATH.matcher(path);
        if (!matcher.matches() || !method.equals("POST")) {
            return CloudflareStandIn.Reply.error(404, 7003, "No route for the URI");
        }
        Queue queue = queues.get(matcher.group(1));
        if (queue == null) {
            return CloudflareStandIn.Reply.error(404, 10104, "QueueNotFound");
        }
        JsonNode request;
        try {
            request = body.length == 0 ? CloudflareStandIn.JSON.createObjectNode() : CloudflareStandIn.JSON.readTree(body);
        } catch (IOException e) {
            return CloudflareStandIn.Reply.error(400, 10208, "MalformedJSON");
        }
        String action = matcher.group(2) == null ? "send" : matcher.group(2);
        expireLeases(queue);
        return switch (action) {
            case "send" -> send(queue, List.of(request), request.path("delay_seconds").asLong(0), MAX_MESSAGE_BYTES);
            case "batch" -> batch(queue, request);
            case "pull" -> pull(queue, request);
            case "peek" -> peek(queue, request);
            default -> ack(queue, request);
        };
    }

    private CloudflareStandIn.Reply batch(Queue queue, JsonNode request) {
        List<JsonNode> messages = new ArrayList<>();
        request.path("messages").forEach(messages::add);
        if (messages.size() > 100) {
            return CloudflareStandIn.Reply.error(400, 10206, "BatchCountOutOfBounds");
        }
        return send(queue, messages, request.path("delay_seconds").asLong(0), MAX_BATCH_BYTES);
    }

    private CloudflareStandIn.Reply send(Queue queue, List<JsonNode> messages, long batchDelay, int limit) {
        long now = clock.millis();
        int total = 0;
        List<Message> staged = new ArrayList<>();
        for (JsonNode message : messages) {
            String contentType = message.path("content_type").asText("json");
            JsonNode body = message.get("body");
            String text = contentType.equals("text") ? body.asText() : body.toString();
            int size = text.getBytes(StandardCharsets.UTF_8).length;
            if (size > MAX_MESSAGE_BYTES) {
                return CloudflareStandIn.Reply.error(413, 10204, "MessageSizeOutOfBounds");
            }
            total += size;
            long delay = message.path("delay_seconds").asLong(batchDelay);
            staged.add(new Message(text, contentType, now, now + delay * 1000));
        }
        if (total > limit) {
            return CloudflareStandIn.Reply.error(413, 10205, "BatchSizeOutOfBounds");
        }
        queue.messages().addAll(staged);
        ObjectNode result = CloudflareStandIn.JSON.createObjectNode();
        result.putObject("metadata").putObject("metrics").put("backlog_count", queue.messages().size());
        return CloudflareStandIn.Reply.ok(result);
    }

    private CloudflareStandIn.Reply pull(Queue queue, JsonNode request) {
        int batchSize = request.path("batch_size").asInt(5);
        long visibility = request.path("visibility_timeout_ms").asLong(30_000);
        if (batchSize < 1 || batchSize > 100) {
            return CloudflareStandIn.Reply.error(400, 10202, "batch_size must be between 1 and 100");
        }
        long now = clock.millis();
        ArrayNode messages = CloudflareStandIn.JSON.createArrayNode();
        for (Message message : queue.messages()) {
            if (messages.size() >= batchSize) {
                break;
            }
            if (message.visibleAtMs > now) {
                continue;
            }
            String lease = UUID.randomUUID().toString();
            message.leases.add(lease);
            message.attempts++;
            message.visibleAtMs = now + visibility;
            messages.add(render(message).put("lease_id", lease));
        }
        ObjectNode result = CloudflareStandIn.JSON.createObjectNode().put("message_backlog_count", queue.messages().size());
        result.set("messages", messages);
        return CloudflareStandIn.Reply.ok(result);
    }

    private CloudflareStandIn.Reply peek(Queue queue, JsonNode request) {
        int batchSize = request.path("batch_size").asInt(5);
        ArrayNode messages = CloudflareStandIn.JSON.createArrayNode();
        queue.messages().stream().limit(batchSize).forEach(m -> messages.add(render(m).put("ref", m.id)));
        return CloudflareStandIn.Reply.ok(messages);
    }

    private ObjectNode render(Message message) {
        ObjectNode node = CloudflareStandIn.JSON.createObjectNode().put("id", message.id)
                .put("attempts", message.attempts).put("timestamp_ms", message.timestampMs);
        boolean base64 = message.contentType.equals("json") && !plainJson || message.contentType.equals("bytes");
        node.put("body", base64 ? Base64.getEncoder().encodeToString(message.body.getBytes(StandardCharsets.UTF_8))
                : message.body);
        node.putObject("metadata").put("CF-sourceMessageSource", "api").put("CF-Content-Type", message.contentType);
        return node;
    }

    private CloudflareStandIn.Reply ack(Queue queue, JsonNode request) {
        int acked = 0;
        int retried = 0;
        for (JsonNode ack : request.path("acks")) {
            String lease = ack.path("lease_id").asText();
            if (queue.messages().removeIf(m -> m.leases.contains(lease))) {
                acked++;
            }
        }
        for (JsonNode retry : request.path("retries")) {
            String lease = retry.path("lease_id").asText();
            for (Message message : queue.messages()) {
                if (message.leases.contains(lease)) {
                    message.visibleAtMs = clock.millis() + retry.path("delay_seconds").asLong(0) * 1000;
                    retried++;
                }
            }
        }
        ObjectNode result = CloudflareStandIn.JSON.createObjectNode().put("ackCount", acked).put("retryCount", retried);
        result.putObject("warnings");
        return CloudflareStandIn.Reply.ok(result);
    }

    /** A lease that ran out without an ack is a failed delivery; past max_retries the message goes to the DLQ. */
    private void expireLeases(Queue queue) {
        long now = clock.millis();
        List<Message> exhausted = new ArrayList<>();
        for (Message message : queue.messages()) {
            if (message.attempts > queue.maxRetries() && message.visibleAtMs <= now) {
                exhausted.add(message);
            }
        }
        queue.messages().removeAll(exhausted);
        Queue deadLetters = queue.deadLetterQueue() == null ? null : queues.get(queue.deadLetterQueue());
        if (deadLetters != null) {
            for (Message message : exhausted) {
                deadLetters.messages().add(new Message(message.body, message.contentType, message.timestampMs, now));
            }
        }
    }
}
