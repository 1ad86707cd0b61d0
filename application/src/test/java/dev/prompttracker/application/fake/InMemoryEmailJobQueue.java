package dev.prompttracker.application.fake;

import dev.prompttracker.application.port.out.EmailJobQueue;
import dev.prompttracker.domain.mail.EmailJob;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The queue's semantics in memory: leases that expire, attempt counts, a dead-letter list. */
public final class InMemoryEmailJobQueue implements EmailJobQueue {
    private static final class Message {
        final EmailJob job;
        Instant visibleAt;
        int attempts;
        String receipt;

        Message(EmailJob job, Instant visibleAt) {
            this.job = job;
            this.visibleAt = visibleAt;
        }
    }

    private final Map<String, Message> messages = new LinkedHashMap<>();
    private final List<DeadLetter> dead = new ArrayList<>();
    private final Clock clock;
    private final int maxAttempts;

    public InMemoryEmailJobQueue(Clock clock, int maxAttempts) {
        this.clock = clock;
        this.maxAttempts = maxAttempts;
    }

    @Override
    public synchronized void enqueue(EmailJob job) {
        messages.putIfAbsent(job.id(), new Message(job, clock.instant()));
    }

    @Override
    public synchronized List<Delivery> receive(int max, Duration visibilityTimeout) {
        Instant now = clock.instant();
        List<Delivery> deliveries = new ArrayList<>();
        for (Message message : new ArrayList<>(messages.values())) {
            if (deliveries.size() >= max) {
                break;
            }
            if (message.visibleAt.isAfter(now)) {
                continue;
            }
            if (message.attempts >= maxAttempts) {
                messages.remove(message.job.id());
                dead.add(new DeadLetter(message.job.id(), "delivered " + message.attempts + " times without success",
                        message.attempts, now, Optional.of(message.job.withoutSecrets())));
                continue;
            }
            message.attempts++;
            message.visibleAt = now.plus(visibilityTimeout);
            message.receipt = UUID.randomUUID().toString();
            deliveries.add(new Delivery(message.receipt, message.job, message.attempts));
        }
        return deliveries;
    }

    @Override
    public synchronized void ack(Delivery delivery) {
        messages.remove(delivery.job().id());
    }

    @Override
    public synchronized void retry(Delivery delivery, Duration delay) {
        Message message = messages.get(delivery.job().id());
        if (message != null && delivery.receiptId().equals(message.receipt)) {
            message.visibleAt = clock.instant().plus(delay);
        }
    }

    @Override
    public synchronized void deadLetter(Delivery delivery, String reason) {
        Message message = messages.remove(delivery.job().id());
        if (message != null) {
            dead.add(new DeadLetter(delivery.job().id(), reason, message.attempts, clock.instant(),
                    Optional.of(message.job.withoutSecrets())));
        }
    }

    @Override
    public synchronized List<DeadLetter> deadLetters(int max) {
        return dead.reversed().stream().limit(max).toList();
    }

    public synchronized int size() {
        return messages.size();
    }
}
