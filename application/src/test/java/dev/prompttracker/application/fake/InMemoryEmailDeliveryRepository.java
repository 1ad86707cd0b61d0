package dev.prompttracker.application.fake;

import dev.prompttracker.application.port.out.EmailDeliveryRepository;
import dev.prompttracker.domain.user.Email;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

public final class InMemoryEmailDeliveryRepository implements EmailDeliveryRepository {
    private final Set<String> sent = new HashSet<>();
    private final InMemorySubscriberRepository subscribers;

    public InMemoryEmailDeliveryRepository(InMemorySubscriberRepository subscribers) {
        this.subscribers = subscribers;
    }

    @Override
    public synchronized boolean wasSent(String jobId) {
        return sent.contains(jobId);
    }

    @Override
    public synchronized void recordSent(String jobId, Email to, Instant at) {
        if (sent.add(jobId)) {
            subscribers.countEmailSent(to, at);
        }
    }
}
