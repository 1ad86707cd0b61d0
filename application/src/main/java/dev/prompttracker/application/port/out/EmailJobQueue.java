package dev.prompttracker.application.port.out;

import dev.prompttracker.domain.mail.EmailJob;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A durable, at-least-once queue of email jobs with the pull semantics of Cloudflare Queues: a
 * received job is invisible to others for a visibility timeout and comes back unless acknowledged;
 * a job received too often, or one that cannot be read, ends in the dead-letter store.
 */
public interface EmailJobQueue {

    void enqueue(EmailJob job);

    /** Up to {@code max} visible jobs, each hidden for {@code visibilityTimeout} and counted as one more attempt. */
    List<Delivery> receive(int max, Duration visibilityTimeout);

    /** Done: the job never comes back. A late ack after the lease expired is accepted. */
    void ack(Delivery delivery);

    /** Not done: make the job visible again after {@code delay}. */
    void retry(Delivery delivery, Duration delay);

    /**
     * Give up on the job: move it to the dead-letter store with the reason. The dead letter keeps the
     * job {@linkplain EmailJob#withoutSecrets() without its secret parameters}, so no link token stays at rest.
     */
    void deadLetter(Delivery delivery, String reason);

    /** The most recent dead letters, for inspection. */
    List<DeadLetter> deadLetters(int max);

    /** One receipt of a job; {@code attempt} counts receipts, starting at 1. */
    record Delivery(String receiptId, EmailJob job, int attempt) {
        public Delivery {
            Objects.requireNonNull(receiptId, "receiptId");
            Objects.requireNonNull(job, "job");
            if (attempt < 1) {
                throw new IllegalArgumentException("attempts start at 1");
            }
        }
    }

    /** A job given up on: {@code job} without its secrets, or empty when what was queued could not be read as one. */
    record DeadLetter(String messageId, String reason, int attempts, Instant at, Optional<EmailJob> job) {
        public DeadLetter {
            Objects.requireNonNull(job, "job");
        }
    }
}
