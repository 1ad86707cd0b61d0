package dev.prompttracker.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * An open-loop load generator: requests leave on a fixed schedule whatever the server does, and each
 * latency is measured from the request's <em>scheduled</em> send time, so queueing in the server (or
 * in this generator) shows in the percentiles instead of being hidden by coordinated omission.
 */
final class OpenLoopLoad {
    /** Sends one request on the given connection and reports its end exactly once. */
    interface Sender {
        void send(int connection, Runnable onSuccess, Consumer<Throwable> onError);
    }

    record Result(long scheduled, long completed, long errors, Duration measured, Histogram latencyMicros,
                  String firstError) {
        double requestsPerSecond() {
            return completed / (measured.toNanos() / 1e9);
        }
    }

    private final Sender sender;
    private final int connections;
    private final int maxOutstanding;

    OpenLoopLoad(Sender sender, int connections, int maxOutstanding) {
        this.sender = sender;
        this.connections = connections;
        this.maxOutstanding = maxOutstanding;
    }

    /** Sends at {@code ratePerSecond} for warm-up plus duration; only requests scheduled after the warm-up count. */
    Result run(double ratePerSecond, Duration warmup, Duration duration) {
        Recorder recorder = new Recorder(3);
        AtomicLong outstanding = new AtomicLong();
        AtomicLong completed = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        java.util.concurrent.atomic.AtomicReference<String> firstError = new java.util.concurrent.atomic.AtomicReference<>();
        long interval = Math.max(1, (long) (1e9 / ratePerSecond));
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + duration.toNanos();
        long scheduled = 0;
        long sequence = 0;
        while (true) {
            long intended = start + sequence * interval;
            if (intended >= end) {
                break;
            }
            long now = System.nanoTime();
            if (intended > now) {
                LockSupport.parkNanos(Math.min(intended - now, 1_000_000));
                continue;
            }
            boolean counted = intended >= measureFrom;
            if (counted) {
                scheduled++;
            }
            sequence++;
            if (outstanding.get() >= maxOutstanding) {
                // The server is this far behind: the request is lost, not quietly delayed.
                if (counted) {
                    errors.incrementAndGet();
                }
                continue;
            }
            outstanding.incrementAndGet();
            int connection = (int) (sequence % connections);
            try {
                sender.send(connection, () -> {
                    outstanding.decrementAndGet();
                    if (counted) {
                        recorder.recordValue(Math.max(1, (System.nanoTime() - intended) / 1_000));
                        completed.incrementAndGet();
                    }
                }, failure -> {
                    outstanding.decrementAndGet();
                    firstError.compareAndSet(null, failure + (failure.getCause() == null ? ""
                            : " caused by " + failure.getCause()));
                    if (counted) {
                        errors.incrementAndGet();
                    }
                });
            } catch (RuntimeException refused) {
                outstanding.decrementAndGet();
                if (counted) {
                    errors.incrementAndGet();
                }
            }
        }
        // Longer than the clients' response timeout: the next run starts on an idle server.
        long drainUntil = System.nanoTime() + Duration.ofSeconds(12).toNanos();
        while (outstanding.get() > 0 && System.nanoTime() < drainUntil) {
            LockSupport.parkNanos(1_000_000);
        }
        long unanswered = outstanding.get();
        Histogram histogram = recorder.getIntervalHistogram();
        return new Result(scheduled, completed.get(), errors.get() + unanswered, duration, histogram, firstError.get());
    }
}
