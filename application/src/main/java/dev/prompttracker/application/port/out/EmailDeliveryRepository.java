package dev.prompttracker.application.port.out;

import dev.prompttracker.domain.user.Email;

import java.time.Instant;

/** Which email jobs were sent, so that a job delivered again is not sent again, and the subscriber counters. */
public interface EmailDeliveryRepository {

    boolean wasSent(String jobId);

    /**
     * Records the job as sent and, the first time only, counts it on the subscriber with that email
     * ({@code emails_sent}, {@code last_email_sent}); one atomic unit, safe to repeat.
     */
    void recordSent(String jobId, Email to, Instant at);
}
