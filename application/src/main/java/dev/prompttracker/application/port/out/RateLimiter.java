package dev.prompttracker.application.port.out;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Request-rate limits, decided in process (no store is called per request). */
public interface RateLimiter {

    /** Takes a permit from the bucket {@code key}; empty when allowed, else how long until one is free. */
    Optional<Duration> tryAcquire(String key, Limit limit);

    /** {@code permits} per {@code period}, refilled steadily; a full bucket allows a burst of all of them. */
    record Limit(int permits, Duration period) {
        public Limit {
            Objects.requireNonNull(period, "period");
            if (permits < 1 || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("a limit needs at least one permit per positive period");
            }
        }

        /** Parses {@code N/30s}, {@code N/15m}, {@code N/1h} or {@code N/1d}. */
        public static Limit parse(String text) {
            String[] parts = text.strip().split("/");
            if (parts.length != 2 || parts[1].length() < 2) {
                throw new IllegalArgumentException("a limit looks like 10/1m");
            }
            int permits = Integer.parseInt(parts[0].strip());
            String period = parts[1].strip();
            long amount = Long.parseLong(period.substring(0, period.length() - 1));
            Duration duration = switch (period.charAt(period.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new IllegalArgumentException("a period ends in s, m, h or d");
            };
            return new Limit(permits, duration);
        }
    }
}
