package dev.prompttracker.cloudflare;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One circuit breaker per remote service (D1, KV, Queues, R2): when half of a service's last calls
 * failed with an outage (after their own retries), it is not called for a few seconds, so requests
 * fail fast with 503 instead of each waiting out its timeouts, and cached reads can stand in; then a
 * few trial calls decide whether it is back. Only outages count: a refused request (4xx) shows the
 * service alive, and a rate limit is the request budget's business.
 */
public final class ServiceBreakers {
    private static final System.Logger LOG = System.getLogger(ServiceBreakers.class.getName());
    /** The calls a failure rate is taken over, and how many there must be before it is judged. */
    static final int WINDOW = 20;
    static final int MINIMUM_CALLS = 10;
    static final float FAILURE_PERCENT = 50;
    static final Duration OPEN_FOR = Duration.ofSeconds(5);
    static final int TRIAL_CALLS = 3;

    private final CircuitBreakerConfig config;
    private final ConcurrentMap<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

    public ServiceBreakers(Clock clock) {
        this.config = CircuitBreakerConfig.custom()
                .slidingWindow(WINDOW, MINIMUM_CALLS, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(FAILURE_PERCENT)
                .waitDurationInOpenState(OPEN_FOR)
                .permittedNumberOfCallsInHalfOpenState(TRIAL_CALLS)
                .clock(clock)
                .build();
    }

    /**
     * Runs {@code call} unless {@code service}'s breaker is open, in which case {@code whenOpen} gets a
     * message for the exception thrown instead; {@code isOutage} tells which failures count against it.
     */
    public <T> T guard(String service, Supplier<T> call, Predicate<RuntimeException> isOutage,
                       Function<String, RuntimeException> whenOpen) {
        CircuitBreaker breaker = breaker(service);
        if (!breaker.tryAcquirePermission()) {
            throw whenOpen.apply(service + " has been failing; calls to it pause for a few seconds");
        }
        long start = System.nanoTime();
        try {
            T result = call.get();
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return result;
        } catch (RuntimeException failure) {
            if (isOutage.test(failure)) {
                breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, failure);
            } else {
                // Not the service's fault: the call neither counts for nor against it.
                breaker.releasePermission();
            }
            throw failure;
        }
    }

    /** Whether {@code service} is being called (closed or on trial) or paused (open). */
    public boolean isOpen(String service) {
        CircuitBreaker.State state = breaker(service).getState();
        return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
    }

    private CircuitBreaker breaker(String service) {
        return breakers.computeIfAbsent(service, name -> {
            CircuitBreaker breaker = CircuitBreaker.of(name, config);
            breaker.getEventPublisher().onStateTransition(event -> LOG.log(System.Logger.Level.WARNING,
                    "{0}: circuit {1}", name, event.getStateTransition()));
            return breaker;
        });
    }
}
