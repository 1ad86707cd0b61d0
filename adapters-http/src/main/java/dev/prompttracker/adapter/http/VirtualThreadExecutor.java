package dev.prompttracker.adapter.http;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Armeria's blocking-task executor on virtual threads: every task gets its own virtual thread, so
 * blocking work (JDBC, files, password hashing) never holds an event loop and is not capped by a
 * pool size. Armeria needs a {@link ScheduledExecutorService}; delayed tasks wait on one platform
 * timer thread and then run on a virtual thread like the rest.
 */
public final class VirtualThreadExecutor extends AbstractExecutorService implements ScheduledExecutorService {
    private final ExecutorService workers =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("blocking-", 0).factory());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("blocking-timer").daemon(true).factory());

    @Override
    public void execute(Runnable command) {
        workers.execute(command);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return timer.schedule(() -> workers.execute(command), delay, unit);
    }

    /** Runs the callable on the timer thread: Armeria only schedules short callables, if any. */
    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return timer.schedule(callable, delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return timer.scheduleAtFixedRate(() -> workers.execute(command), initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return timer.scheduleWithFixedDelay(() -> workers.execute(command), initialDelay, delay, unit);
    }

    @Override
    public void shutdown() {
        timer.shutdown();
        workers.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        timer.shutdownNow();
        return workers.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return workers.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return workers.isTerminated() && timer.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        return timer.awaitTermination(timeout, unit)
                && workers.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
}
