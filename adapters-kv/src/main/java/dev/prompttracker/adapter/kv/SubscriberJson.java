package dev.prompttracker.adapter.kv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prompttracker.domain.subscriber.DiscountCode;
import dev.prompttracker.domain.subscriber.PersonName;
import dev.prompttracker.domain.subscriber.SignupSource;
import dev.prompttracker.domain.subscriber.Subscriber;
import dev.prompttracker.domain.subscriber.SubscriberId;
import dev.prompttracker.domain.subscriber.SubscriberState;
import dev.prompttracker.domain.user.Email;

import java.time.Instant;
import java.util.Optional;

/** Subscribers as cache values. An entry that does not read back is treated as a miss. */
final class SubscriberJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SubscriberJson() {
    }

    static String write(Subscriber s) {
        ObjectNode node = JSON.createObjectNode()
                .put("id", s.id().value())
                .put("email", s.email().value())
                .put("firstName", s.firstName().map(PersonName::value).orElse(null))
                .put("lastName", s.lastName().map(PersonName::value).orElse(null))
                .put("hasAccess", s.hasAccess())
                .put("hasPurchased", s.hasPurchased())
                .put("discountCode", s.discountCode().map(DiscountCode::value).orElse(null))
                .put("state", s.state().name())
                .put("referrer", s.source().referrer().orElse(null))
                .put("utmSource", s.source().utmSource().orElse(null))
                .put("utmMedium", s.source().utmMedium().orElse(null))
                .put("utmCampaign", s.source().utmCampaign().orElse(null))
                .put("emailsSent", s.emailsSent())
                .put("lastEmailSent", s.lastEmailSent().map(Instant::toEpochMilli).orElse(null))
                .put("createdAt", s.createdAt().toEpochMilli())
                .put("updatedAt", s.updatedAt().toEpochMilli())
                .put("version", s.version());
        return node.toString();
    }

    static Optional<Subscriber> read(String text) {
        try {
            JsonNode n = JSON.readTree(text);
            return Optional.of(new Subscriber(new SubscriberId(n.get("id").asText()), new Email(n.get("email").asText()),
                    optional(n, "firstName").flatMap(PersonName::sanitize), optional(n, "lastName").flatMap(PersonName::sanitize),
                    n.get("hasAccess").asBoolean(), n.get("hasPurchased").asBoolean(),
                    optional(n, "discountCode").map(DiscountCode::new), SubscriberState.valueOf(n.get("state").asText()),
                    new SignupSource(optional(n, "referrer"), optional(n, "utmSource"), optional(n, "utmMedium"),
                            optional(n, "utmCampaign")),
                    n.get("emailsSent").asInt(),
                    n.get("lastEmailSent").isNull() ? Optional.empty()
                            : Optional.of(Instant.ofEpochMilli(n.get("lastEmailSent").asLong())),
                    Instant.ofEpochMilli(n.get("createdAt").asLong()), Instant.ofEpochMilli(n.get("updatedAt").asLong()),
                    n.get("version").asLong()));
        } catch (Exception unreadable) {
            return Optional.empty();
        }
    }

    private static Optional<String> optional(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }
}
