package dev.prompttracker.cloudflare;

import java.time.Duration;
import java.util.List;

/** Why a Cloudflare call failed. Adapters translate these into their domain's errors. */
public abstract sealed class CloudflareException extends RuntimeException {

    protected CloudflareException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Cloudflare answered with an error envelope (a bad request, a missing resource, a refused token…). */
    public static final class ApiError extends CloudflareException {
        private final int status;
        private final List<CloudflareError> errors;

        public ApiError(int status, List<CloudflareError> errors) {
            super("Cloudflare answered " + status + ": " + errors, null);
            this.status = status;
            this.errors = List.copyOf(errors);
        }

        public int status() {
            return status;
        }

        public List<CloudflareError> errors() {
            return errors;
        }

        public boolean hasCode(int code) {
            return errors.stream().anyMatch(e -> e.code() == code);
        }

        public String messages() {
            return String.join("; ", errors.stream().map(CloudflareError::message).toList());
        }
    }

    /** Over the request budget, or Cloudflare paused us (429): nothing is sent until {@link #retryAfter()}. */
    public static final class RateLimited extends CloudflareException {
        private final Duration retryAfter;

        public RateLimited(String message, Duration retryAfter) {
            super(message, null);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /**
     * Cloudflare could not be reached or did not answer properly (timeout, reset, 5xx, a body that is
     * not an envelope). For a write this means the outcome is unknown: it may have taken effect.
     */
    public static final class Unavailable extends CloudflareException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
