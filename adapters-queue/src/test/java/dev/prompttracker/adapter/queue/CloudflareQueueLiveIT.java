package dev.prompttracker.adapter.queue;

import dev.prompttracker.application.contract.EmailJobQueueContract;
import dev.prompttracker.application.fake.MutableClock;
import dev.prompttracker.application.port.out.EmailJobQueue;
import dev.prompttracker.cloudflare.live.LiveAccount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The queue contract on a real Cloudflare queue with an HTTP pull consumer ({@code LIVE_QUEUE_ID},
 * {@code LIVE_QUEUE_DEAD_LETTER_ID}; max retries 2 so a job is dead-lettered after three deliveries;
 * {@code -Plive}, skipped unless set). Each test starts from a drained queue and, since time passes
 * for real, waits out its leases afterwards: the suite takes several minutes.
 */
@Tag("live")
class CloudflareQueueLiveIT implements EmailJobQueueContract {
    private final MutableClock clock = new MutableClock(Instant.now());
    private static boolean drainedOnce;
    private CloudflareEmailJobQueue queue;

    /** Connects before the test body, so a skip is not mistaken for an expected failure inside it. */
    @BeforeEach
    void connect() {
        queue();
    }

    @Override
    public EmailJobQueue queue() {
        if (queue == null) {
            LiveAccount account = LiveAccount.fromEnvironment();
            queue = new CloudflareEmailJobQueue(account.client(), account.require("LIVE_QUEUE_ID"),
                    account.optional("LIVE_QUEUE_DEAD_LETTER_ID"));
            if (!drainedOnce) {
                // An earlier run may have left jobs leased: they only come back when their leases run out.
                drain(queue);
                LiveAccount.waitFor(VISIBILITY.plusSeconds(1));
                drainedOnce = true;
            }
            drain(queue);
        }
        return queue;
    }

    /** Jobs a test left leased come back once their visibility runs out; the next test must not see them. */
    @AfterEach
    void drainOnceLeasesExpire() {
        if (queue != null) {
            LiveAccount.waitFor(VISIBILITY.plusSeconds(1));
            drain(queue);
        }
    }

    private static void drain(EmailJobQueue queue) {
        List<EmailJobQueue.Delivery> left;
        do {
            left = queue.receive(100, Duration.ofSeconds(30));
            left.forEach(queue::ack);
        } while (!left.isEmpty());
    }

    @Override
    public MutableClock clock() {
        return clock;
    }

    @Override
    public void elapse(Duration duration) {
        LiveAccount.waitFor(duration);
        clock.advance(duration);
    }
}
