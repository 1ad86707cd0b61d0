package dev.prompttracker.cloudflare;

import java.time.Duration;

/** Waiting, made replaceable so tests can run retries and pauses on a virtual clock. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = duration -> {
        if (!duration.isNegative() && !duration.isZero()) {
            Thread.sleep(duration);
        }
    };

    void sleep(Duration duration) throws InterruptedException;
}
