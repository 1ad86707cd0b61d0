package dev.prompttracker.domain.mail;

import dev.prompttracker.domain.id.Uuids;
import dev.prompttracker.domain.user.Email;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One email to send, as it travels through the queue. Its id is the idempotency key: a job
 * delivered twice is sent once. The parameters fill the kind's template (a magic link's URL, a
 * first name); they may hold a secret link, so a job is never logged whole.
 */
public record EmailJob(String id, EmailJobKind kind, Email to, Map<String, String> parameters, Instant createdAt) {
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

    @Override
    public String toString() {
        return "EmailJob[" + id + ", " + kind + "]";
    }
}
