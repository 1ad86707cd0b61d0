package dev.prompttracker.bootstrap;

import dev.prompttracker.application.port.in.DeliverEmailsUseCase;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The email worker inside the server process: takes batches from the queue and sends them, polling
 * again at once while there is work and after a growing pause when there is none. Stopping lets the
 * batch in hand finish (each job is acknowledged only after it is sent, so an interrupted one would
 * simply be delivered again).
 */
final class EmailWorker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EmailWorker.class.getName());
    private static final int BATCH = 10;

    private final DeliverEmailsUseCase deliver;
    private final Duration idlePause;
    private final Duration maxIdlePause;
    private final Duration errorPause;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Thread thread;
    private volatile boolean running = true;

    EmailWorker(DeliverEmailsUseCase deliver, Duration idlePause, Duration maxIdlePause, Duration errorPause) {
        this.deliver = deliver;
        this.idlePause = idlePause;
        this.maxIdlePause = maxIdlePause;
        this.errorPause = errorPause;
        this.thread = Thread.ofPlatform().name("email-worker").daemon(true).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    private void run() {
        IdleBackoff backoff = new IdleBackoff(idlePause, maxIdlePause);
        while (running) {
            Duration pause;
            try {
                pause = backoff.afterPoll(deliver.deliverPending(BATCH));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, () -> "email delivery failed; retrying in " + errorPause + ": " + e);
                pause = errorPause;
            }
            if (!pause.isZero()) {
                sleep(pause);
            }
        }
    }

    private void sleep(Duration pause) {
        lock.lock();
        try {
            if (running) {
                wake.await(pause.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    /** Polls now: a job has arrived (pushed by the gateway), so the idle pause is cut short. */
    void wake() {
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Stops taking new batches and waits for the current one to finish. */
    @Override
    public void close() {
        running = false;
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(Duration.ofSeconds(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.log(System.Logger.Level.WARNING, "the email worker did not stop within 15 s; its jobs will be delivered again");
        }
    }

    /** Polls again at once while there is work; each empty poll doubles the pause up to the maximum (pulls cost calls). */
    static final class IdleBackoff {
        private final Duration first;
        private final Duration max;
        private Duration next;

        IdleBackoff(Duration first, Duration max) {
            this.first = first;
            this.max = max;
            this.next = first;
        }

        Duration afterPoll(int received) {
            if (received > 0) {
                next = first;
                return Duration.ZERO;
            }
            Duration pause = next;
            Duration doubled = next.multipliedBy(2);
            next = doubled.compareTo(max) > 0 ? max : doubled;
            return pause;
        }
    }
}
