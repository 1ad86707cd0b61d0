package dev.prompttracker.application.service;

import dev.prompttracker.application.ContentSettings;
import dev.prompttracker.application.port.in.DeliverEmailsUseCase;
import dev.prompttracker.application.port.out.EmailDeliveryRepository;
import dev.prompttracker.application.port.out.EmailJobQueue;
import dev.prompttracker.application.port.out.MailSender;
import dev.prompttracker.domain.mail.EmailJob;
import dev.prompttracker.domain.mail.MailMessage;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The email worker's logic: receive queued jobs, send each once, acknowledge after the send is
 * recorded. A failed send is retried with exponential backoff; after the configured number of
 * attempts the job goes to the dead-letter store (which keeps it without secrets). Redelivered jobs that were already sent are only
 * acknowledged. Delivery is at least once: a crash between sending and recording can repeat one
 * email, unless the mail sender itself refuses a repeated idempotency key (the outbox does).
 */
final class EmailDeliveryService implements DeliverEmailsUseCase {
    private static final System.Logger LOG = System.getLogger(EmailDeliveryService.class.getName());
    private static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    private static final Duration MAX_RETRY = Duration.ofMinutes(5);

    private final EmailJobQueue queue;
    private final MailSender sender;
    private final EmailDeliveryRepository deliveries;
    private final SubscriberReadModel subscribers;
    private final LinkMail linkMail;
    private final ContentSettings settings;
    private final Clock clock;

    EmailDeliveryService(EmailJobQueue queue, MailSender sender, EmailDeliveryRepository deliveries,
                         SubscriberReadModel subscribers, LinkMail linkMail, ContentSettings settings, Clock clock) {
        this.queue = queue;
        this.subscribers = subscribers;
        this.sender = sender;
        this.deliveries = deliveries;
        this.linkMail = linkMail;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public int deliverPending(int max) {
        List<EmailJobQueue.Delivery> batch = queue.receive(max, settings.emailVisibilityTimeout());
        for (EmailJobQueue.Delivery delivery : batch) {
            deliver(delivery);
        }
        return batch.size();
    }

    private void deliver(EmailJobQueue.Delivery delivery) {
        EmailJob job = delivery.job();
        try {
            if (!deliveries.wasSent(job.id())) {
                Optional<MailMessage> message = linkMail.compose(job);
                if (message.isPresent()) {
                    sender.send(message.get(), job.id());
                    // The subscriber's counters move with it.
                    subscribers.write(job.to(), () -> deliveries.recordSent(job.id(), job.to(), clock.instant()));
                    LOG.log(System.Logger.Level.INFO, "sent {0} email, job {1}", job.kind(), job.id());
                } else {
                    LOG.log(System.Logger.Level.DEBUG, "{0} job {1}: nothing to send to this address", job.kind(),
                            job.id());
                }
            }
            queue.ack(delivery);
        } catch (RuntimeException failure) {
            String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
            if (delivery.attempt() >= settings.maxEmailAttempts()) {
                LOG.log(System.Logger.Level.ERROR, "email job {0} failed {1} times, dead-lettered: {2}", job.id(),
                        delivery.attempt(), reason);
                queue.deadLetter(delivery, reason);
            } else {
                Duration delay = backoff(delivery.attempt());
                LOG.log(System.Logger.Level.WARNING, "email job {0} failed (attempt {1}), retry in {2}: {3}",
                        job.id(), delivery.attempt(), delay, reason);
                queue.retry(delivery, delay);
            }
        }
    }

    /** 2 s, 4 s, 8 s … capped at 5 minutes. */
    static Duration backoff(int attempt) {
        Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(attempt - 1, 16));
        return delay.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay;
    }
}
