package dev.prompttracker.adapter.mail;

import java.time.Duration;

/**
 * Waiting between resends, replaceable so tests record the waits instead of sleeping. (cloudflare-api
 * has the same small type, but this module may not depend on that one.)
 */
@FunctionalInterface
interface Sleeper {
    Sleeper REAL = Thread::sleep;

    void sleep(Duration duration) throws InterruptedException;
}
