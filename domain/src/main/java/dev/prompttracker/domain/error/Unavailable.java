package dev.prompttracker.domain.error;

/** A dependency (store, remote API) failed or timed out; the caller may retry later. */
public final class Unavailable extends DomainException {
    public Unavailable(String message) {
        super(message);
    }

    public Unavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
