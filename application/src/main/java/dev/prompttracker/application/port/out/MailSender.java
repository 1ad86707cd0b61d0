package dev.prompttracker.application.port.out;

import dev.prompttracker.domain.mail.MailMessage;

/**
 * Hands an email to a delivery service. The idempotency key is the job's id: senders that can,
 * refuse to send the same key twice.
 */
public interface MailSender {
    void send(MailMessage message, String idempotencyKey);
}
