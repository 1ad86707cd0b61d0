package dev.prompttracker.adapter.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prompttracker.domain.mail.EmailJob;
import dev.prompttracker.domain.mail.EmailJobKind;
import dev.prompttracker.domain.user.Email;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Email jobs as JSON message bodies, the shape both the local queue and Cloudflare Queues carry:
 * {@code {"v":1,"id":…,"kind":…,"to":…,"parameters":{…},"createdAt":…}}.
 */
public final class EmailJobCodec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int VERSION = 1;
    /** What a dead letter keeps of a body that is not a job: nothing of it (it might hold a secret). */
    public static final String UNREADABLE = "{\"unreadable\":true}";

    private EmailJobCodec() {
    }

    public static String encode(EmailJob job) {
        ObjectNode node = JSON.createObjectNode()
                .put("v", VERSION)
                .put("id", job.id())
                .put("kind", job.kind().name())
                .put("to", job.to().value())
                .put("createdAt", job.createdAt().toString());
        ObjectNode parameters = node.putObject("parameters");
        job.parameters().forEach(parameters::put);
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a job always serialises", e);
        }
    }

    /** The job, or empty for a body that is not one (it belongs in the dead letters, not in a retry loop). */
    public static Optional<EmailJob> decode(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || node.path("v").asInt() != VERSION) {
                return Optional.empty();
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            node.path("parameters").properties().forEach(entry -> parameters.put(entry.getKey(), entry.getValue().asText()));
            return Optional.of(new EmailJob(node.path("id").asText(), EmailJobKind.valueOf(node.path("kind").asText()),
                    Email.parse(node.path("to").asText()), parameters, Instant.parse(node.path("createdAt").asText())));
        } catch (JsonProcessingException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
