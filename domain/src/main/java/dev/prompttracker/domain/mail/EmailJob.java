package dev.prompttracker.domain.mail;

import dev.prompttracker.domain.id.Uuids;
import dev.prompttracker.domain.user.Email;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One email to send, as it travels through the queue. Its id is the idempotency key: a job
 * delivered twice is sent once. Jobs carry no secrets: the email worker makes each link when it
 * sends. Jobs queued by earlier versions may still carry a {@code link} parameter, so a job is never
 * logged whole and a dead letter keeps it {@link #withoutSecrets() without} such parameters.
 */
public record EmailJob(String id, EmailJobKind kind, Email to, Map<String, String> parameters, Instant createdAt) {
    /** Parameters that hold a secret (a link with its token) and never stay at rest once the job is given up. */
    public static final Set<String> SECRET_PARAMETERS = Set.of("link");

    public EmailJob {
        if (!Uuids.isCanonical(id)) {
            throw new IllegalArgumentException("a job id is a UUID");
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(to, "to");
        parameters = Map.copyOf(parameters);
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public static EmailJob create(EmailJobKind kind, Email to, Map<String, String> parameters, Instant now) {
        return new EmailJob(Uuids.random(), kind, to, parameters, now);
    }

    /** The same job minus any secret parameter, as a dead letter keeps it. */
    public EmailJob withoutSecrets() {
        Map<String, String> kept = new HashMap<>(parameters);
        kept.keySet().removeAll(SECRET_PARAMETERS);
        return new EmailJob(id, kind, to, kept, createdAt);
    }

    @Override
    public String toString() {
        return "EmailJob[" + id + ", " + kind + "]";
    }
}
